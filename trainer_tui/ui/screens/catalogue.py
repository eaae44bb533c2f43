"""The catalogue browser: blocks and skills, filtered as you type, with criteria and measures."""

from __future__ import annotations

import unicodedata

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from trainer_tui.domain.catalogue import Block, Catalogue, Skill
from trainer_tui.domain.text import Language
from trainer_tui.i18n import get_language, t
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.title_bar import TitleBar

#: What a tree node stands for: a block or a skill.
Item = Block | Skill


def fold(text: str) -> str:
    """Lower case without accents, so that ``epissure`` finds ``Épissure``."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def matches(skill: Skill, words: list[str], language: Language) -> bool:
    """Whether every word of the filter is in the skill's id, title or criterion."""
    haystack = fold(f"{skill.id} {skill.title.get(language)} {skill.criterion.get(language)}")
    return all(word in haystack for word in words)


def filter_catalogue(
    catalogue: Catalogue, text: str, language: Language
) -> list[tuple[Block, list[Skill]]]:
    """The blocks that hold a skill matching ``text``, each with its matching skills."""
    words = fold(text).split()
    found = []
    for block in catalogue.blocks:
        skills = [skill for skill in block.skills if matches(skill, words, language)]
        if skills:
            found.append((block, skills))
    return found


def number(value: float) -> str:
    """A bound as people write it in the current language (``0,1``)."""
    return f"{value:g}".replace(".", t("format.decimal_separator"))


class CatalogueScreen(TrainerScreen):
    """Browse the skills catalogue; the filter at the top narrows the list as you type."""

    HELP_KEY = "help.catalogue"
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        Binding("slash", "focus_filter", "ui.catalogue.key.filter"),
        Binding("down", "focus_tree", show=False),
    ]
    DEFAULT_CSS = """
    CatalogueScreen #catalogue-filter { margin: 0 1; padding: 0 1; background: $panel; }
    CatalogueScreen #catalogue-filter:focus { background: $primary 30%; }
    CatalogueScreen #catalogue-tree { height: 1fr; overflow-x: hidden; }
    CatalogueScreen #catalogue-count { height: 1; padding: 0 1; color: $text-muted; }
    CatalogueScreen #skill-panel {
        height: auto; max-height: 10; padding: 0 1; border-top: solid $primary;
    }
    """

    def compose(self) -> ComposeResult:
        """The filter, the tree of blocks and skills, the highlighted skill's details."""
        # Before the title bar is mounted: it reads the subtitle once.
        self.sub_title = t("ui.catalogue.title")
        yield TitleBar()
        yield Input(placeholder=t("ui.catalogue.filter"), id="catalogue-filter", compact=True)
        yield Static(id="catalogue-count")
        tree: Tree[Item] = Tree("catalogue", id="catalogue-tree")
        tree.show_root = False
        yield tree
        with VerticalScroll(id="skill-panel"):
            yield Static(id="skill-info")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Show the whole catalogue, the filter ready for typing."""
        self._rebuild("")
        self.query_one("#catalogue-filter", Input).focus()

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue of the open workspace."""
        return self.trainer_app.workspace.catalogue

    def _rebuild(self, text: str) -> None:
        """Fill the tree with the blocks and skills matching ``text``."""
        language = get_language()
        found = filter_catalogue(self.catalogue, text, language)
        tree: Tree[Item] = self.query_one("#catalogue-tree", Tree)
        tree.clear()
        first: TreeNode[Item] | None = None
        for block, skills in found:
            label = Text.assemble((block.id, "bold"), "  ", block.title.get(language))
            branch = tree.root.add(label, data=block, expand=True)
            for skill in skills:
                leaf = branch.add_leaf(self._skill_label(skill, language), data=skill)
                first = first or leaf
        shown = sum(len(skills) for _, skills in found)
        total = len(self.catalogue.skills)
        count = self.query_one("#catalogue-count", Static)
        if shown:
            count.update(t("ui.catalogue.count", shown=shown, total=total))
        else:
            count.update(t("ui.catalogue.none", text=text.strip()))
        tree.scroll_home(animate=False)
        if first is not None and tree.last_line >= 0:  # last_line lays the new nodes out
            tree.cursor_line = first.line
        self._show(first)

    @staticmethod
    def _skill_label(skill: Skill, language: Language) -> Text:
        label = Text.assemble((skill.id, "bold"), "  ", skill.title.get(language))
        if skill.retired:
            label.append(" " + t("ui.catalogue.retired"), "dim")
            label.stylize("dim")
        return label

    def _show(self, item: Item | TreeNode[Item] | None) -> None:
        """Describe a skill (or a block, with the rating scale) below the tree."""
        if isinstance(item, TreeNode):
            item = item.data
        details = self.query_one("#skill-info", Static)
        if isinstance(item, Skill):
            details.update(self._describe_skill(item))
        elif isinstance(item, Block):
            details.update(self._describe_block(item))
        else:
            details.update(self._scale_line())

    def _describe_skill(self, skill: Skill) -> Text:
        language = get_language()
        block = self.catalogue.block_of(skill.id)
        text = Text.assemble((f"{skill.id}  {skill.title.get(language)}", "bold"))
        if skill.retired:
            text.append(" " + t("ui.catalogue.retired"), "italic")
        text.append(f"\n{block.id} · {block.title.get(language)}\n", "dim")
        text.append(t("ui.catalogue.criterion") + " ", "bold")
        text.append(skill.criterion.get(language) + "\n")
        spec = skill.measurement
        if spec is None:
            text.append(t("ui.catalogue.no_measure") + "\n", "italic")
        else:
            if spec.min is not None and spec.max is not None:
                bounds = t("ui.catalogue.range_both", low=number(spec.min), high=number(spec.max))
            elif spec.max is not None:
                bounds = t("ui.catalogue.range_max", high=number(spec.max))
            else:
                bounds = t("ui.catalogue.range_min", low=number(spec.min or 0))
            quantity = self.catalogue.quantities[spec.quantity].label.get(language)
            text.append(t("ui.catalogue.measure") + " ", "bold")
            text.append(
                t("ui.catalogue.measure_text", quantity=quantity, range=bounds, unit=spec.unit)
                + "\n"
            )
            levels = ", ".join(
                f"{level} {self.catalogue.scale.label(level, language)}" for level in spec.levels
            )
            text.append(t("ui.catalogue.levels", levels=levels) + "\n")
        if skill.related:
            text.append(t("ui.catalogue.related", skills=", ".join(skill.related)) + "\n")
        text.append_text(self._scale_line())
        return text

    def _describe_block(self, block: Block) -> Text:
        language = get_language()
        text = Text.assemble((f"{block.id}  {block.title.get(language)}", "bold"), "\n")
        text.append(
            t(
                "ui.catalogue.block",
                kind=t(f"ui.catalogue.kind.{block.kind.value}"),
                count=len(block.active_skills),
            )
            + "\n"
        )
        for level in self.catalogue.scale.levels:
            meaning = level.meaning.get(language) if level.meaning else ""
            text.append(f"{level.value} {level.label.get(language)}", "bold")
            text.append(f" — {meaning}\n" if meaning else "\n")
        return text

    def _scale_line(self) -> Text:
        language = get_language()
        scale = self.catalogue.scale
        levels = " · ".join(f"{level.value} {level.label.get(language)}" for level in scale.levels)
        return Text(t("ui.catalogue.scale", scale=levels, threshold=scale.proficient_from), "dim")

    def on_input_changed(self, event: Input.Changed) -> None:
        """Narrow the list as the trainer types."""
        self._rebuild(event.value)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        """Enter in the filter moves to the list."""
        self.action_focus_tree()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Item]) -> None:
        """Follow the cursor in the details panel."""
        self._show(event.node)

    def action_focus_filter(self) -> None:
        """Back to the filter."""
        self.query_one("#catalogue-filter", Input).focus()

    def action_focus_tree(self) -> None:
        """Move from the filter to the list."""
        self.query_one("#catalogue-tree", Tree).focus()

    def action_back(self) -> None:
        """Back to the dashboard."""
        self.app.pop_screen()
