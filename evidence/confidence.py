"""The methods a review may use to say how much confidence its findings deserve, and their vocabularies: the
components a finding is judged on, the levels of concern each takes, and the overall levels, each with what it means
in plain words. No Streamlit here.

GRADE-CERQual (Lewin et al. 2018, Implementation Science 13 suppl. 1) judges a qualitative review finding on four
components and gives it one of four overall levels; its definitions of the overall levels are the method's own and
are quoted as such. JBI ConQual (Munn et al. 2014, BMC Medical Research Methodology 14:108), which meta-aggregation
reviews use, judges dependability and credibility. Every other sentence here is this project's wording.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

CERQUAL, CONQUAL = "GRADE-CERQual", "JBI ConQual"
DEFAULT_METHOD = CERQUAL


@dataclass(frozen=True)
class Level:
    """One level a judgement can take: its id as the YAML writes it, its label, and what it means."""

    id: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Component:
    """One component a finding is judged on, what it asks, and the levels it takes (best first)."""

    id: str
    label: str
    meaning: str
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class Method:
    """A confidence method: its reference, components and overall levels (highest first)."""

    name: str
    reference: str
    components: tuple[Component, ...]
    overall: tuple[Level, ...]
    overall_source: str  # whose words the overall levels' meanings are

    def component(self, component_id: str) -> Component | None:
        return next((c for c in self.components if c.id == component_id), None)

    def overall_level(self, level_id: str) -> Level | None:
        return next((level for level in self.overall if level.id == level_id), None)

    def levels_of(self, component_id: str | None) -> tuple[Level, ...]:
        """The levels a component takes, or the overall levels where there is no component; none for an unknown one."""
        if component_id is None:
            return self.overall
        component = self.component(component_id)
        return component.levels if component else ()

    def worded(self, wordings: list[dict]) -> Method:
        """The method with the review's own label or meaning for some of its levels (`confidence.levels`), the
        method's wording for the rest. The levels themselves and their order stay the method's: a review words them,
        it does not add or drop any."""
        def reworded(levels: tuple[Level, ...], component_id: str | None) -> tuple[Level, ...]:
            own = {w["level"]: w for w in wordings if w.get("component") == component_id}
            return tuple(replace(level, label=own[level.id].get("label", level.label),
                                 meaning=own[level.id].get("meaning", level.meaning)) if level.id in own else level
                         for level in levels)
        overall = reworded(self.overall, None)
        source = self.overall_source
        if any("meaning" in w for w in wordings if w.get("component") is None):
            mixed = any(lv.meaning == default.meaning for lv, default in zip(overall, self.overall, strict=True))
            source = (f"the review's own wording where it gives one, otherwise {self.overall_source}" if mixed
                      else "the review's own wording")
        return replace(self, overall=overall, overall_source=source,
                       components=tuple(replace(c, levels=reworded(c.levels, c.id)) for c in self.components))


CONCERNS = (
    Level("no_or_very_minor", "No or very minor concerns", "Nothing about this component lowers confidence, or "
          "only trivially."),
    Level("minor", "Minor concerns", "Something about this component may lower confidence a little."),
    Level("moderate", "Moderate concerns", "Something about this component is likely to lower confidence."),
    Level("serious", "Serious concerns", "Something about this component is very likely to lower confidence."),
)
OVERALL = (
    Level("high", "High confidence", "It is highly likely that the review finding is a reasonable representation of "
          "the phenomenon of interest"),
    Level("moderate", "Moderate confidence", "It is likely that the review finding is a reasonable representation of "
          "the phenomenon of interest"),
    Level("low", "Low confidence", "It is possible that the review finding is a reasonable representation of the "
          "phenomenon of interest"),
    Level("very_low", "Very low confidence", "It is not clear whether the review finding is a reasonable "
          "representation of the phenomenon of interest"),
)
DOWNGRADES = (
    Level("not_downgraded", "Not downgraded", "The studies' dependability does not lower confidence."),
    Level("downgraded_one", "Downgraded one level", "The studies' dependability lowers confidence by one level."),
    Level("downgraded_two", "Downgraded two levels", "The studies' dependability lowers confidence by two levels."),
)
CREDIBILITY = (
    Level("unequivocal", "Unequivocal", "The illustrations back the finding beyond reasonable doubt."),
    Level("equivocal", "Equivocal", "The illustrations and the finding can be disputed."),
    Level("unsupported", "Unsupported", "The data do not back the finding."),
)

METHODS = {
    CERQUAL: Method(CERQUAL, "Lewin S, Booth A, Glenton C, et al. Applying GRADE-CERQual to qualitative evidence "
                             "synthesis findings: introduction to the series. Implementation Science "
                             "2018;13(Suppl 1):2",
                    (Component("methodological_limitations", "Methodological limitations", "How far problems in how "
                               "the contributing studies were designed or done weaken the finding.", CONCERNS),
                     Component("coherence", "Coherence", "How well the finding fits the data of the contributing "
                               "studies, and how convincingly it explains them.", CONCERNS),
                     Component("adequacy", "Adequacy of data", "How rich and how plentiful the data behind the "
                               "finding are.", CONCERNS),
                     Component("relevance", "Relevance", "How far the contributing studies' settings and people match "
                               "the question the review asks.", CONCERNS)),
                    OVERALL, "GRADE-CERQual's own definitions (Lewin et al. 2018)"),
    CONQUAL: Method(CONQUAL, "Munn Z, Porritt K, Lockwood C, Aromataris E, Pearson A. Establishing confidence in the "
                             "output of qualitative research synthesis: the ConQual approach. BMC Medical Research "
                             "Methodology 2014;14:108",
                    (Component("dependability", "Dependability", "How well the contributing studies were done, judged "
                               "on five questions of the JBI checklist.", DOWNGRADES),
                     Component("credibility", "Credibility", "How well the illustrations back the finding.",
                               CREDIBILITY)),
                    tuple(Level(level.id, level.label, meaning) for level, meaning in zip(OVERALL, (
                        "The finding very likely holds.", "The finding likely holds.", "The finding may hold.",
                        "It is not clear whether the finding holds."), strict=True)),
                    "this project's wording"),
}


def method_of(confidence: dict | None) -> Method:
    """The method a review's `confidence` section names (GRADE-CERQual where it names none), in the review's wording
    where it gives its own for some levels."""
    confidence = confidence or {}
    return METHODS[confidence.get("method", DEFAULT_METHOD)].worded(confidence.get("levels", []))


# Every id a method knows, for the JSON Schema's allowed values; check then holds each finding to its method's own.
COMPONENT_IDS = tuple(dict.fromkeys(c.id for m in METHODS.values() for c in m.components))
COMPONENT_LEVEL_IDS = tuple(dict.fromkeys(lv.id for m in METHODS.values() for c in m.components for lv in c.levels))
OVERALL_IDS = tuple(dict.fromkeys(lv.id for m in METHODS.values() for lv in m.overall))
