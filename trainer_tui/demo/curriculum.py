"""What a cohort works on when: session kinds, the skills they practise, and rated levels.

Everything is derived from the catalogue (block kinds and ids), so the generators keep
working when trainers edit ``skills/``: a missing block only removes the sessions that
would have used it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from trainer_tui.domain.catalogue import Block, BlockKind, Catalogue, Skill
from trainer_tui.domain.records import SessionKind

#: How a rating rises with practice and with time in the programme; tuned so that first
#: ratings are 1-2 and ratings after 4-5 practices are mostly 3-4 for an average trainee.
PRACTICE_WEIGHT = 0.45
TIME_WEIGHT = 0.8
RATING_NOISE = 0.09

#: Share of half-days per kind once the first week (safety and induction) is over.
KIND_WEIGHTS: dict[SessionKind, float] = {
    SessionKind.PRACTICAL: 0.58,
    SessionKind.FRENCH: 0.12,
    SessionKind.MATHS: 0.12,
    SessionKind.WORKPLACE: 0.09,
    SessionKind.SAFETY: 0.05,
    SessionKind.ASSESSMENT: 0.04,
}
INDUCTION_WEIGHTS: dict[SessionKind, float] = {
    SessionKind.SAFETY: 0.35,
    SessionKind.WORKPLACE: 0.25,
    SessionKind.PRACTICAL: 0.2,
    SessionKind.FRENCH: 0.1,
    SessionKind.MATHS: 0.1,
}
#: How likely a present trainee is rated on each skill of a session, by kind.
RATING_CHANCE: dict[SessionKind, float] = {
    SessionKind.PRACTICAL: 0.85,
    SessionKind.SAFETY: 0.8,
    SessionKind.FRENCH: 0.85,
    SessionKind.MATHS: 0.85,
    SessionKind.WORKPLACE: 0.7,
    SessionKind.ASSESSMENT: 1.0,
    SessionKind.COMPANY_VISIT: 0.0,
}
#: Chance that a workshop also rates one safety skill.
SAFETY_IN_WORKSHOP = 0.35
#: Skills practised per session, by kind (inclusive range).
SKILLS_PER_SESSION: dict[SessionKind, tuple[int, int]] = {
    SessionKind.PRACTICAL: (3, 5),
    SessionKind.SAFETY: (2, 3),
    SessionKind.FRENCH: (1, 3),
    SessionKind.MATHS: (1, 3),
    SessionKind.WORKPLACE: (1, 2),
    SessionKind.ASSESSMENT: (3, 5),
}


def _active(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if block.active_skills]


@dataclass(frozen=True, slots=True)
class Curriculum:
    """The catalogue's blocks sorted into what each kind of session practises."""

    catalogue: Catalogue
    safety: tuple[Block, ...]
    practical: tuple[Block, ...]
    french: tuple[Block, ...]
    maths: tuple[Block, ...]
    workplace: tuple[Block, ...]
    driving: tuple[Skill, ...]
    rated_levels: tuple[int, ...]
    #: Position of each skill in the catalogue, to list a session's skills in that order.
    rank: dict[str, int]

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue) -> Curriculum:
        """Sort ``catalogue``'s blocks by kind and id prefix (SEC safety, FRA french...)."""
        blocks = sorted(catalogue.blocks, key=lambda block: block.order)
        trade = _active([b for b in blocks if b.kind is BlockKind.TRADE])
        remedial = _active([b for b in blocks if b.kind is BlockKind.REMEDIAL])
        safety = [b for b in trade if b.id.startswith("SEC")]
        french = [b for b in remedial if b.id.startswith("FR")]
        maths = [b for b in remedial if b.id.startswith("MA")]
        rest = [b for b in remedial if b not in french and b not in maths]
        workplace = _active([b for b in blocks if b.kind is BlockKind.WORKPLACE]) or rest
        driving = tuple(
            skill for block in catalogue.driving_blocks for skill in block.active_skills
        )
        floor = catalogue.scale.not_assessed
        return cls(
            catalogue=catalogue,
            safety=tuple(safety),
            practical=tuple(b for b in trade if b not in safety) or tuple(safety),
            # A catalogue without FRA/MAT blocks still gets remedial sessions if it has any
            # other remedial block.
            french=tuple(french or rest),
            maths=tuple(maths or rest),
            workplace=tuple(workplace),
            driving=driving,
            rated_levels=tuple(v for v in catalogue.scale.values if v != floor),
            rank={skill.id: index for index, skill in enumerate(catalogue.skills)},
        )

    def pool(self, kind: SessionKind) -> tuple[Block, ...]:
        """The blocks a session of ``kind`` draws its skills from (may be empty)."""
        pools = {
            SessionKind.SAFETY: self.safety,
            SessionKind.PRACTICAL: self.practical,
            SessionKind.ASSESSMENT: self.practical,
            SessionKind.FRENCH: self.french,
            SessionKind.MATHS: self.maths,
            SessionKind.WORKPLACE: self.workplace,
        }
        return pools.get(kind, ())

    def pick_kind(self, rng: random.Random, progress: float) -> SessionKind:
        """Draw the kind of a half-day at ``progress`` (0 = first day, 1 = last)."""
        weights = INDUCTION_WEIGHTS if progress < 0.06 else KIND_WEIGHTS
        kinds = [kind for kind in weights if self.pool(kind)]
        if progress < 0.5 and SessionKind.ASSESSMENT in kinds:
            # Evaluations only make sense once there is something to evaluate.
            kinds.remove(SessionKind.ASSESSMENT)
        if not kinds:
            # A catalogue with nothing but driving: sessions happen, nothing to rate.
            return SessionKind.WORKPLACE
        return rng.choices(kinds, weights=[weights[kind] for kind in kinds])[0]

    def _practical_block(self, rng: random.Random, progress: float) -> Block:
        # Workshops follow the catalogue order (prepare, lay, splice, connect, measure,
        # connect the customer) with a bell around the current block and some revision.
        count = len(self.practical)
        weights = []
        for index in range(count):
            centre = (index + 0.5) / count
            weight = math.exp(-(((progress - centre) / 0.16) ** 2))
            weights.append(weight + (0.12 if centre < progress else 0.01))
        return rng.choices(self.practical, weights=weights)[0]

    def pick_skills(
        self, rng: random.Random, kind: SessionKind, progress: float
    ) -> tuple[str, ...]:
        """The skills a session of ``kind`` practises, in catalogue order."""
        pool = self.pool(kind)
        if not pool:
            return ()
        low, high = SKILLS_PER_SESSION.get(kind, (1, 2))
        if kind is SessionKind.PRACTICAL:
            candidates = list(self._practical_block(rng, progress).active_skills)
        elif kind is SessionKind.ASSESSMENT:
            covered = max(1, math.ceil(progress * len(pool)))
            candidates = [s for block in pool[:covered] for s in block.active_skills]
        else:
            candidates = list(rng.choice(pool).active_skills)
        chosen = {
            s.id for s in rng.sample(candidates, min(len(candidates), rng.randint(low, high)))
        }
        if kind is SessionKind.PRACTICAL and self.safety and rng.random() < SAFETY_IN_WORKSHOP:
            # Safety is rated on the bench too (PPE worn, fibre offcuts in the bin...).
            chosen.add(rng.choice(rng.choice(self.safety).active_skills).id)
        return tuple(sorted(chosen, key=self.rank.__getitem__))

    def driving_competencies(self, rng: random.Random, progress: float) -> tuple[str, ...]:
        """Driving competencies worked in a lesson at ``progress`` of the driving hours.

        The REMC is followed in order (C1 handling first, C4 autonomy last), with
        neighbours and an occasional revision of an earlier competency.
        """
        if not self.driving:
            return ()
        last = len(self.driving) - 1
        centre = min(last, max(0, round(progress * last + rng.uniform(-0.8, 0.8))))
        picked = {centre}
        if rng.random() < 0.6:
            picked.add(min(last, centre + 1))
        if centre and rng.random() < 0.25:
            picked.add(rng.randrange(centre))
        return tuple(self.driving[index].id for index in sorted(picked))

    def level(self, rng: random.Random, aptitude: float, practice: int, progress: float) -> int:
        """A rated level for a trainee of ``aptitude`` after ``practice`` earlier ratings.

        Saturating growth with practice and time in the programme, plus noise, mapped onto
        the catalogue's scale (never its "not assessed" level).
        """
        effort = aptitude * (PRACTICE_WEIGHT * practice + TIME_WEIGHT * progress)
        score = 1.0 - math.exp(-effort) + rng.gauss(0.0, RATING_NOISE)
        levels = self.rated_levels
        index = min(len(levels) - 1, max(0, int(score * len(levels))))
        return levels[index]
