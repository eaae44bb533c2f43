"""Pools of names and French phrases the generators draw from.

The names are fictional combinations of first and last names common in the priority
neighbourhoods (quartiers prioritaires) the school recruits from: French, Maghrebi, West
African, Portuguese, Turkish, Vietnamese... origins mixed as they are in a real cohort.
"""

from __future__ import annotations

import unicodedata


def _names(text: str) -> tuple[str, ...]:
    """Split a comma-separated list (kept as text so that it stays compact and readable)."""
    return tuple(" ".join(name.split()) for name in text.split(",") if name.strip())


TRAINEE_FIRST_NAMES: tuple[str, ...] = _names(
    """
    Inès, Yanis, Moussa, Aïcha, Kevin, Léa, Mamadou, Sofiane, Chloé, Bilal, Fatoumata, Dylan,
    Sarah, Rayan, Nour, Enzo, Mohamed, Adama, Samy, Lina, Ibrahim, Kenza, Amine, Yasmine,
    Jordan, Océane, Ousmane, Mariam, Lucas, Assa, Hugo, Imane, Ilyes, Maëlys, Nassim, Jessica,
    Thomas, Awa, Wassim, Manon, Mehdi, Anaïs, Kylian, Sabrina, Théo, Djeneba, Hamza, Clara,
    Bryan, Salimata, Abdoulaye, Rania, Ryan, Lamine, Samia, Jonathan, Malik, Loïc, Tiago, Kenzo,
    Zakaria, Sékou, Laura, Naël, Amadou, Maeva, Anthony, Mathis, Hawa, Cheick, Walid, Yacine,
    Nabil, Sonia, Alicia, Emma, Gabriel, Ayoub, Aylan, Youssouf, Kadiatou, Steven, Mickaël,
    Priscilla, Bintou, Dounia, Ethan, Aminata, Elif, Emre, Quentin, Linh
    """
)

TRAINEE_LAST_NAMES: tuple[str, ...] = _names(
    """
    Traoré, Diallo, Benali, Martin, Camara, Haddad, Nguyen, Da Silva, Bernard, Keïta, Belkacem,
    Dubois, Cissé, Mendy, Petit, Fofana, Bouzid, Pereira, Durand, Konaté, Aït Ahmed, Ferreira,
    Sylla, Moreau, Benhamou, Kaya, Yilmaz, Dembélé, Lambert, Mansouri, Coulibaly, Laurent,
    Touré, Boukhari, Rodrigues, Sissoko, Leroy, Hamidi, Gomes, Diop, Ndiaye, Simon, Chérif,
    Tran, Lopes, Bakayoko, Michel, Zerrouki, Doumbia, Fontaine, Saïdi, Baptiste, Kanté, Garcia,
    Meziane, Sow, Girard, Aouadi, Ba, Joseph, Kouassi, Bamba, Kouyaté, Öztürk, Pham, Mabiala,
    Kabongo, Ramdani
    """
)

#: School trainers; the generators pick 3 or 4 per cohort (or per campus team).
TRAINER_NAMES: tuple[str, ...] = _names(
    """
    Karim Benali, Sandrine Lefèvre, Julien Moreau, Nadia Haddad, Thierry Gomes, Aminata Diallo,
    Stéphane Martin, Samira Bouzid, Olivier Nguyen, Christelle Pereira, Jean-Marc Dubois,
    Élodie Traoré, Rachid Meziane, Valérie Lambert, Franck Mendy, Hélène Chérif
    """
)

#: Driving instructors of the partner driving school.
INSTRUCTOR_NAMES: tuple[str, ...] = _names(
    """
    Patrick Roux, Leïla Mansouri, Franck Da Silva, Hélène Garnier, Mourad Kaci, Isabelle Vidal,
    Bruno Lemaire, Fatou Ndiaye
    """
)

DRIVING_SCHOOLS: tuple[str, ...] = _names(
    """
    Auto-école du Canal, Auto-école de la Basilique, Auto-école Liberté,
    Auto-école des Quatre Routes, Conduite Plus, Auto-école Pleyel
    """
)

COMPANIES: tuple[str, ...] = _names(
    """
    Fibrelec Réseaux, Optiréseaux IDF, Connectis Travaux, RéseauVert Télécom, Lumen Fibre,
    Télécom Bâtiment Services
    """
)


LEFT_REASONS: tuple[str, ...] = (
    "A signé un CDI dans une entreprise du bâtiment",
    "Déménagement en province",
    "Raisons de santé",
    "Ne donne plus de nouvelles malgré plusieurs relances",
    "Entrée dans une autre formation qualifiante",
    "Difficultés de garde d'enfant",
)

#: Notes on assessments, by outcome (what a trainer types in a few seconds).
NOTES_LOW: tuple[str, ...] = (
    "Geste à reprendre avec accompagnement.",
    "A besoin d'aide pour démarrer.",
    "Ne suit pas encore la procédure dans l'ordre.",
    "Manque de soin, à retravailler.",
)
NOTES_MID: tuple[str, ...] = (
    "Progrès nets, encore quelques hésitations.",
    "Réalisé avec un rappel de la consigne.",
    "Bonne volonté, à consolider.",
    "Correct mais trop lent pour l'instant.",
)
NOTES_HIGH: tuple[str, ...] = (
    "Autonome, travail propre.",
    "Réalisé seul dans les temps.",
    "Très bon niveau, peut aider un camarade.",
    "Maîtrise le geste et sait l'expliquer.",
)
NOTES_OUT_OF_TOLERANCE: tuple[str, ...] = (
    "Mesure hors tolérance : à refaire.",
    "Valeur hors tolérance, refait deux fois.",
)

SESSION_REMARKS: tuple[str, ...] = (
    "Très bonne dynamique de groupe.",
    "Une soudeuse en panne : rotation par binômes.",
    "Plusieurs retards à cause du RER.",
    "Travail en binômes, bonne entraide.",
    "Séance reprise en fin de journée pour les absents.",
    "Groupe fatigué l'après-midi.",
)

DRIVING_COMMENTS: tuple[str, ...] = (
    "Bonne maîtrise de l'embrayage.",
    "Encore hésitant aux intersections.",
    "Créneau réussi du premier coup.",
    "Conduite fluide, bonne anticipation.",
    "Stressé en circulation dense.",
    "Premier passage sur voie rapide.",
    "Regards à travailler avant de changer de file.",
    "Bonne leçon, progrès réguliers.",
)

FRENCH_MONTHS: tuple[str, ...] = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def ascii_fold(text: str) -> str:
    """``text`` without accents (``"Élodie"`` -> ``"Elodie"``), for codes and e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def initials(name: str) -> str:
    """Upper-case ASCII initials of each word of ``name``, at most 4 letters.

    Hyphenated first names count twice ("Jean-Marc Dubois" -> "JMD"), as trainers sign.
    """
    words = ascii_fold(name).replace("-", " ").split()
    letters = [word[0].upper() for word in words if word[0].isalpha()]
    return "".join(letters)[:4] or "X"


def campus_code(campus: str) -> str:
    """A 2-3 letter code for a campus ("Saint-Denis" -> "SD"), used in trainee codes."""
    words = [word for word in ascii_fold(campus).replace("-", " ").split() if word.isalnum()]
    letters = "".join(word[0] for word in words).upper()
    if len(letters) < 2:
        letters = "".join(char for char in ascii_fold(campus).upper() if char.isalnum())[:2]
    return (letters or "XX")[:3]
