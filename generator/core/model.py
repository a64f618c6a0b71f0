"""The typed knowledge base: pydantic models for every kind of YAML file in ``data/``.

The models only say what one file may contain (shape, types, enums, unknown keys). Whatever
needs more than one file to decide (does that option id exist? is that tree acyclic?) lives in
``check``. Fields avoid tuples and 2019+ JSON Schema keywords so the exported schema stays
readable by editors' YAML language servers (ARCHITECTURE.md, "Platform notes").

Longer than the other modules on purpose: it is the schema of the whole knowledge base, one
short class per kind of entry, and reads best in one place (the JSON Schemas are made from it).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: Ids become URLs and anchors: short, lowercase, no path separators or dots.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
#: A one-line piece of plain text (names, labels): no newlines.
Line = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=r"^[^\n]*$")]
#: Prose in Markdown written in the project's own words (raw HTML is rejected in ``check``).
Prose = Annotated[str, StringConstraints(min_length=1, max_length=6000)]


class Strict(BaseModel):
    """Base for every model: a typo in a YAML key is an error, never a silently ignored field."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Status(str, Enum):
    ga = "ga"
    preview = "preview"
    legacy = "legacy"
    retiring = "retiring"
    retired = "retired"


class Support(str, Enum):
    """A caniuse-style support level; ``partial`` with a footnote is the honest default."""

    yes = "yes"
    partial = "partial"
    no = "no"
    preview = "preview"
    retiring = "retiring"
    na = "n/a"


class DimensionKind(str, Enum):
    support = "support"  # the cell's ``level`` is the answer
    number = "number"  # the cell's ``value`` is a number in the dimension's unit
    text = "text"  # the cell's ``value`` is a short text


class RuleKind(str, Enum):
    requires = "requires"
    conflicts = "conflicts"
    recommended_with = "recommended-with"
    degrades = "degrades"


# --- sources -----------------------------------------------------------------------------


class Source(Strict):
    """One public page that facts cite, registered once in ``data/sources.yaml``."""

    id: Id
    url: Annotated[str, StringConstraints(pattern=r"^https://", max_length=400)]
    title: Line


class SourceFile(Strict):
    sources: list[Source] = Field(min_length=1)


# --- categories and dimensions -------------------------------------------------------------


class Dimension(Strict):
    """One comparison question of a category; every option of the category answers it."""

    id: Id
    name: Line
    kind: DimensionKind
    unit: Line | None = None
    prefer: Literal["higher", "lower", "yes", "no"] | None = Field(
        default=None,
        description="Which answer is better, if one is better in itself: higher or lower for numbers, yes or no for "
        "support questions. Omit it where the answer depends on what you need (a public endpoint, reachable pods): "
        "verdicts then say where options differ, never that one is ahead.",
    )
    description: Prose


class Category(Strict):
    id: Id
    name: Line
    summary: Prose
    question: Line = Field(description="The decision this category settles, as a question.")
    description: Prose
    dimensions: list[Dimension] = Field(min_length=1)


class Layer(Strict):
    id: Id
    name: Line
    summary: Prose
    categories: list[Category] = Field(min_length=1)


class CategoryFile(Strict):
    layers: list[Layer] = Field(min_length=1)
    command_order: list[Id] = Field(
        default_factory=list,
        description="The order in which a design's settings are merged and written (az aks create flags, Bicep, "
        "Terraform): every category once. Omitted: the order of the layers.",
    )


# --- options ----------------------------------------------------------------------------------


class Dispute(Strict):
    """What another official page says when it contradicts the value we show."""

    says: Line
    sources: list[Id] = Field(min_length=1)


class EventKind(str, Enum):
    preview = "preview"
    ga = "ga"
    retirement_announced = "retirement-announced"
    end_of_patches = "end-of-patches"
    end_of_support = "end-of-support"
    creation_blocked = "creation-blocked"
    removed = "removed"


#: A month, for a source that gives no day ("end of November 2026" is ``2026-11``).
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
Month = Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]


class Event(Strict):
    """One dated step in an option's life, as precise as its source gives it."""

    kind: EventKind
    date: Union[dt.date, Month] = Field(description="YYYY-MM-DD, or YYYY-MM when the source gives only the month.")
    by: bool = Field(
        default=False,
        description="The source only shows that it had happened by this date (a page or release note that "
        "describes it), not when it happened.",
    )
    scope: Line | None = Field(default=None, description="The part it applies to, e.g. Windows node pools.")
    sources: list[Id] = Field(min_length=1)
    note: Prose | None = None


class Lifecycle(Strict):
    """An option's or variant's lifecycle as dated events; the status shown anywhere is computed
    from them and the build date (``core.lifecycle``), never written down."""

    events: list[Event] = Field(min_length=1)
    superseded_by: Id | None = Field(
        default=None, description="The option of the same category that replaces it: the option shows as legacy."
    )
    note: Prose | None = Field(default=None, description="What to know about its lifecycle, in words that stay true.")
    sources: list[Id] = Field(default_factory=list, description="Sources of the note and of superseded_by.")
    disputed: list[Dispute] = Field(default_factory=list)


class Cell(Strict):
    """One option's answer to one dimension."""

    level: Support | None = None
    value: Union[int, float, str, None] = None
    note: Prose | None = Field(default=None, description="The footnote shown under the table.")
    sources: list[Id] = Field(default_factory=list)
    disputed: list[Dispute] = Field(default_factory=list)
    verified_on: dt.date | None = None


#: An IPv4 range in CIDR notation (the planner checks the host bits).
CIDR_PATTERN = r"^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$"
Cidr = Annotated[str, StringConstraints(pattern=CIDR_PATTERN)]


class Limit(Strict):
    """A hard limit, not already a number cell of the category: a number with its unit, or the
    address ranges it is about (``check`` requires exactly one of the two)."""

    id: Id = Field(description="Stable id: the IP planner and other tools read limits by id, never by name.")
    name: Line
    value: Union[int, float, None] = None
    unit: Line | None = None
    ranges: list[Cidr] = Field(default_factory=list, description="Address ranges, for a limit that is a set of ranges.")
    note: Prose | None = None
    sources: list[Id] = Field(min_length=1)


FlagValue = Union[str, int, bool, list[str], None]


#: An Azure CLI extension and its lowest version, as ``az extension add`` names it.
#: The version is left out where no source names the lowest one.
Requires = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*( >= [0-9][0-9A-Za-z.]*)?$")]


class CliFlag(Strict):
    flag: Annotated[str, StringConstraints(pattern=r"^--[a-z0-9][a-z0-9-]*$")]
    value: FlagValue = None
    why: Line


class Property(Strict):
    """A Bicep (ARM) or Terraform property path with the value this option sets."""

    property: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\[\]]+$")]
    value: FlagValue = None
    note: Line | None = None


class Selection(Strict):
    """How to choose the option when creating or changing a cluster."""

    az_aks_create: list[CliFlag] = Field(default_factory=list)
    enable_on_existing: list[Line] = Field(
        default_factory=list, description="Commands that turn it on for an existing cluster."
    )
    bicep: list[Property] = Field(default_factory=list)
    terraform: list[Property] = Field(default_factory=list)
    requires: Requires | None = Field(
        None, description="An Azure CLI extension its az commands need, e.g. 'aks-preview >= 19.0.0b1'."
    )
    notes: Prose | None = None


#: An az command of a migration step; ``<rg>``, ``<cluster>`` and the other placeholders the
#: migrate feature knows (``features/migrate/fill.py``) are filled with the cluster's own values.
Command = Annotated[str, StringConstraints(pattern=r"^az [^\n`]+$", max_length=400)]


class Step(Strict):
    """One step of a migration, where a plan needs more than a sentence (a step may stay a string)."""

    do: Line = Field(description="What to do, in one sentence (Markdown).")
    kind: Literal["prerequisite", "change", "check", "cleanup"] = Field(
        "change", description="prerequisite: before the change; check: verify; cleanup: after it."
    )
    command: Command | None = Field(None, description="The az command, with <rg> and <cluster> placeholders.")
    when: list[Id] = Field(
        default_factory=list,
        description="Needed only if the cluster runs one of these options or shows one of these facts "
        "(data/detect.yaml); empty: always.",
    )
    reimages: bool = Field(False, description="Reimages every node pool.")
    downtime: bool = Field(False, description="Interrupts the API server or the workloads' traffic.")


class Migration(Strict):
    """A documented path from this option to another one of its category."""

    to: Id
    how: Literal["in-place", "rebuild", "new-node-pool"]
    summary: Prose
    steps: list[Union[Line, Step]] = Field(default_factory=list)
    one_way: bool | None = Field(
        None, description="True where the sources say the change cannot be undone; left out when they do not say."
    )
    needs: list[Id] = Field(
        default_factory=list,
        description="Options of other categories the cluster must run before this change (e.g. no network "
        "policy engine before moving to Overlay); a plan moves there first.",
    )
    blocked_by: list[Id] = Field(
        default_factory=list,
        description="Facts (data/detect.yaml) that rule this path out, e.g. windows-pools for the Cilium dataplane.",
    )
    also: list[Id] = Field(
        default_factory=list,
        description="Options of other categories the same operation moves the cluster to (the Cilium "
        "dataplane brings Cilium network policy).",
    )
    requires: Requires | None = Field(None, description="An Azure CLI extension its az commands need.")
    sources: list[Id] = Field(min_length=1)


class Variant(Strict):
    """A documented way of running the option that is not a separate choice (e.g. an add-on)."""

    id: Id
    name: Line
    summary: Prose
    lifecycle: Lifecycle
    select: Selection | None = None
    sources: list[Id] = Field(min_length=1)


class OptionInput(Strict):
    """A value of the user's own that the designer asks for when the option is chosen (``lb-ips=…`` in
    the design address): empty by default and then left out of the files, so the option's example
    values never reach a design (a select entry at the same key is dropped). ``integer`` is a whole
    number from ``min`` to ``max`` and a multiple of ``multiple``; ``name`` matches ``pattern``;
    ``variant`` picks one of the option's ``variants`` (the first when none is given), whose select
    data then replaces the option's at the same keys (``check`` holds each kind to its fields)."""

    id: Id = Field(description="Its key in the design address; unique across options.")
    label: Line
    kind: Literal["integer", "name", "variant"] = "integer"
    min: int | None = Field(None, description="integer: the smallest value.")
    max: int | None = Field(None, description="integer: the largest value.")
    multiple: int = Field(1, ge=1, description="integer: the value is a multiple of this.")
    pattern: Annotated[str, StringConstraints(min_length=2, max_length=200)] | None = Field(
        None, description="name: a regular expression the whole value matches (read by Python and JavaScript)."
    )
    rule: Line | None = Field(None, description="name: the pattern in words, shown beside the field and in errors.")
    default: Line | None = Field(
        None, description="name: written when the reader gives none, for a value the command needs (a generated name)."
    )
    variants: list[Id] = Field(default_factory=list, description="variant: the option's variants to pick from.")
    az: Annotated[str, StringConstraints(pattern=r"^--[a-z0-9][a-z0-9-]*$")] | None = None
    bicep: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\[\]]+$")] | None = None
    terraform: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\[\]]+$")] | None = None
    sources: list[Id] = Field(min_length=1)


class Option(Strict):
    id: Id
    name: Line
    category: Id
    summary: Line
    description: Prose
    lifecycle: Lifecycle
    aliases: list[Id] = Field(default_factory=list, description="Old ids that still redirect here.")
    choose_when: list[Line] = Field(min_length=1)
    avoid_when: list[Line] = Field(min_length=1)
    pros: list[Line] = Field(min_length=1)
    cons: list[Line] = Field(min_length=1)
    limits: list[Limit] = Field(default_factory=list)
    select: Selection
    inputs: list[OptionInput] = Field(
        default_factory=list, description="Values of the user's own the designer asks for (see OptionInput)."
    )
    variants: list[Variant] = Field(default_factory=list)
    migrations: list[Migration] = Field(default_factory=list)
    cells: dict[Id, Cell]
    keywords: list[Line] = Field(default_factory=list, description="Search synonyms.")
    tags: list[Id] = Field(default_factory=list)
    sources: list[Id] = Field(min_length=1, description="The main pages for this option.")
    verified_on: dt.date


# --- rules -------------------------------------------------------------------------------------


class Rule(Strict):
    """A relation between two options of different categories."""

    id: Id
    kind: RuleKind
    a: Id
    b: Id
    reason: Prose
    sources: list[Id] = Field(min_length=1)
    verified_on: dt.date


class RuleFile(Strict):
    rules: list[Rule] = Field(default_factory=list)


# --- glossary ------------------------------------------------------------------------------


class Term(Strict):
    id: Id
    term: Line
    expansion: Line | None = None
    definition: Prose
    abbreviation: bool = Field(default=False, description="Show the expansion as a tooltip wherever the term appears.")
    see: list[Id] = Field(default_factory=list, description="Option ids to link to.")
    sources: list[Id] = Field(default_factory=list)


class GlossaryFile(Strict):
    terms: list[Term] = Field(min_length=1)


# --- decision trees ---------------------------------------------------------------------------


class Answer(Strict):
    id: Id = Field(description="Short id used in the shareable URL of the wizard.")
    label: Line
    next: Id = Field(description="The id of the question or outcome this answer leads to.")


class Question(Strict):
    id: Id
    question: Line
    why: Prose = Field(description="Why this question matters, shown under it.")
    answers: list[Answer] = Field(min_length=2)


class RuledOut(Strict):
    option: Id
    because: Line
    by: Id | None = Field(
        default=None,
        description="The question whose answer ruled the option out; the outline and the wizard point to it.",
    )


class Outcome(Strict):
    id: Id
    title: Line
    recommend: list[Id] = Field(min_length=1, description="Recommended option ids.")
    reason: Prose
    ruled_out: list[RuledOut] = Field(default_factory=list)


class Tree(Strict):
    """A decision tree (``data/trees/<id>.yaml``): questions lead to outcomes."""

    id: Id
    name: Line
    summary: Line
    category: Id | None = Field(default=None, description="The category it decides; omit for an end-to-end tree.")
    start: Id
    questions: list[Question] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)
    verified_on: dt.date


# --- designer presets ---------------------------------------------------------------------------


class Preset(Strict):
    """A starting design for the network designer: one option per category."""

    id: Id
    name: Line
    summary: Line
    choices: dict[Id, Id] = Field(description="category id -> option id")


class PresetFile(Strict):
    presets: list[Preset] = Field(min_length=1)


# --- what a firewall must allow -------------------------------------------------------------------


class EgressRule(Strict):
    """One outbound rule an AKS cluster needs where egress is filtered (Learn's outbound network
    and FQDN rules page), in our own words."""

    id: Id
    kind: Literal["network", "application"] = Field(
        description="network: addresses or service tags with a protocol and port; application: FQDNs over HTTP(S)"
    )
    destinations: list[Line] = Field(
        min_length=1,
        description="FQDNs (application rules), or addresses, service tags and FQDNs (network rules); "
        "'<location>' stands for the cluster's region.",
    )
    protocol: Literal["TCP", "UDP", "HTTP", "HTTPS"]
    port: int = Field(ge=1, le=65535)
    why: Line
    required: bool = Field(True, description="False: recommended, not required.")
    needed_with: list[Id] = Field(
        default_factory=list, description="Options that need the rule (empty: every cluster)."
    )
    not_needed_with: list[Id] = Field(default_factory=list, description="Options that make the rule unnecessary.")
    condition: Line | None = Field(
        None, description="A condition outside the design (custom DNS, ...): shown, never written into code."
    )
    sources: list[Id] = Field(min_length=1)
    verified_on: dt.date


class EgressFile(Strict):
    shown_on: list[Id] = Field(default_factory=list, description="Option pages that list these rules.")
    rules: list[EgressRule] = Field(min_length=1)


# --- what the designer deploys around the cluster --------------------------------------------------


GUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class NetworkRole(Strict):
    """A built-in Azure role the files assign to the cluster identity: its name and its definition
    ID (a GUID, the same in every tenant)."""

    id: Id
    name: Line
    definition: Annotated[str, StringConstraints(pattern=GUID)]
    sources: list[Id] = Field(min_length=1)


class RoleGrant(Strict):
    """A role the cluster identity gets on a network resource when every one of ``with`` is chosen."""

    role: Id
    with_: list[Id] = Field(default_factory=list, alias="with", description="Options or option variants.")


class NetworkParameter(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    what: Line


class ResourceForm(Strict):
    """A resource in Bicep or Terraform: its type and its properties as dotted paths."""

    type: Line = Field(description="Bicep: 'Microsoft.X/y@api-version'; Terraform: the resource type.")
    set: dict[str, Any] = Field(min_length=1, description="Property path (with [i] for arrays) to value.")
    after: list[Id] = Field(default_factory=list, description="Bicep: deploy after these (one subnet at a time).")


class AzStep(Strict):
    """One az command (run with the script's --resource-group unless ``resource_group`` is false)."""

    command: Line = Field(pattern=r"^az [a-z -]+$")
    set: dict[str, Any] = Field(min_length=1, description="Flag to value (a list: several words).")
    query: Line | None = Field(None, description="JMESPath of the new resource's ID, kept in a shell variable.")
    var: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")] | None = Field(
        None, description="The shell variable the query fills (default: the resource id's, then _ID)."
    )
    resource_group: bool = Field(True, description="False for a command that takes no --resource-group.")


class NetworkResource(Strict):
    """One resource around the cluster (data/network.yaml explains the values)."""

    id: Id
    what: Line
    with_: list[Id] = Field(alias="with", min_length=1, description="Deployed when every one is chosen.")
    subnet: Id | None = Field(None, description="And only when the IP plan proposes this subnet.")
    provides: str | None = Field(None, description="The deployment parameter its resource ID stands for.")
    role: bool = Field(False, description="The cluster identity gets Network Contributor on it.")
    grants: list[RoleGrant] = Field(default_factory=list, description="Further roles on it, each when chosen.")
    before_cluster: bool = Field(False, description="The cluster waits for it explicitly.")
    after_cluster: bool = Field(
        False, description="Its az commands run after the cluster exists (it reads the cluster's OIDC issuer...)."
    )
    requires: Line | None = Field(None, description="The az extension its commands need.")
    sources: list[Id] = Field(min_length=1)
    verified_on: dt.date
    bicep: ResourceForm | None = None
    terraform: ResourceForm | None = None
    az: list[AzStep] = Field(default_factory=list)


class NetworkFile(Strict):
    parameters: list[NetworkParameter] = Field(default_factory=list)
    roles: list[NetworkRole] = Field(default_factory=list)
    resources: list[NetworkResource] = Field(min_length=1)
# --- telling a running cluster's options from its JSON ----------------------------------------------

#: A path into a managed cluster's properties (``networkProfile.networkPlugin``); ``[]`` after a
#: list means "any item" (``agentPoolProfiles[].osType``). Keys match case-insensitively, because
#: ``az aks show`` writes ``vnetSubnetId`` where the ARM resource has ``vnetSubnetID``.
FieldPath = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]*(\[[0-9]*\])?(\.[A-Za-z][A-Za-z0-9]*(\[[0-9]*\])?)*$")
]


class FieldTest(Strict):
    """One test on one field: exactly one of ``equals``, ``one_of``, ``none_of`` and ``present``.
    A list index (``[0]`` or ``[]``) means any item of the list."""

    path: FieldPath
    equals: Union[str, bool, int, None] = Field(None, description="Strings compare case-insensitively.")
    one_of: list[str] = Field(default_factory=list)
    none_of: list[str] = Field(default_factory=list, description="Missing, or none of these values.")
    present: bool | None = Field(None, description="True: set and not empty; False: missing, null or empty.")


class DetectEntry(Strict):
    """How to tell that a cluster runs one option."""

    option: Id
    variant: Id | None = Field(None, description="Read from_select from this variant's select block.")
    from_select: list[FieldPath] = Field(
        default_factory=list,
        description="Paths of the option's select.bicep (without 'properties.') whose value the cluster must have.",
    )
    match: list[FieldTest] = Field(default_factory=list, description="Tests the select block cannot express.")
    note: Line | None = Field(None, description="Shown with the conclusion (what detection cannot see).")


class DetectCategory(Strict):
    category: Id
    multiple: bool = Field(False, description="Every matching option applies (add-ons), not the first one only.")
    entries: list[DetectEntry] = Field(min_length=1, description="Tried in order; the first match wins.")
    otherwise: Id | None = Field(None, description="The option when no entry matches (a default the API leaves unset).")


class Fact(Strict):
    """A named condition on the cluster that migration steps depend on (``Step.when``)."""

    id: Id
    name: Line
    match: list[FieldTest] = Field(min_length=1, description="All must hold.")


class DetectFile(Strict):
    facts: list[Fact] = Field(default_factory=list)
    categories: list[DetectCategory] = Field(default_factory=list)
    sources: list[Id] = Field(default_factory=list, description="The API reference the paths come from.")
    verified_on: dt.date


# --- content changes -------------------------------------------------------------------------------


class ChangeKind(str, Enum):
    added = "added"  # new coverage: an option, a dimension, a rule
    corrected = "corrected"  # a fact was wrong or had gone out of date
    updated = "updated"  # a fact was re-checked and refined
    removed = "removed"


class Change(Strict):
    """One dated change to the knowledge base's content, with why it was made."""

    id: Id
    date: dt.date
    kind: ChangeKind
    title: Line
    summary: Prose = Field(description="What changed and why, in a sentence or two.")
    options: list[Id] = Field(default_factory=list, description="The options it touched.")
    sources: list[Id] = Field(min_length=1)


class ChangeFile(Strict):
    changes: list[Change] = Field(default_factory=list)


# --- traffic diagrams ------------------------------------------------------------------------------


class FlowKind(str, Enum):
    """What a flow carries; each kind has its own line style (site/diagram/style.py)."""

    control_plane = "control-plane"
    egress = "egress"
    ingress = "ingress"
    pods = "pods"


#: A label line: plain text, or exactly ``{slot}`` for an address from the IP plan.
DiagramLine = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[^\n]*$")]


class DiagramSlot(Strict):
    """An address a diagram shows: the IP planner's id for it and the example used on option pages."""

    id: Id = Field(description="The IP planner's subnet or range id (nodes, pod-cidr, ...), or vnet.")
    name: Line
    example: Line


class DiagramZone(Strict):
    """A box that groups components: a network, a subnet, the Microsoft-managed side."""

    id: Id
    name: DiagramLine
    parent: Id | None = Field(None, description="The zone this one is drawn inside (a subnet in the VNet).")
    lines: list[DiagramLine] = Field(default_factory=list, description="Lines under the name.")


class DiagramComponent(Strict):
    id: Id
    name: DiagramLine
    zone: Id
    lines: list[DiagramLine] = Field(default_factory=list, description="Lines under the name.")


class DiagramFlow(Strict):
    """One arrow: traffic of one kind from one component to another, labelled with what matters."""

    id: Id
    kind: FlowKind
    source: Id = Field(alias="from")
    to: Id
    tag: Annotated[str, StringConstraints(min_length=1, max_length=24, pattern=r"^[^\n]*$")] | None = Field(
        None, description="A few words written on the arrow: ports, a range (the label is listed under the picture)."
    )
    label: DiagramLine
    blocked: bool = Field(False, description="True: the path does not exist or is denied (drawn crossed out).")


class OptionDiagram(Strict):
    """What an option's diagram draws: its flows (their components and zones come with them)."""

    flows: list[Id] = Field(min_length=1)
    components: list[Id] = Field(default_factory=list, description="Components shown without a flow of their own.")
    names: dict[Id, DiagramLine] = Field(
        default_factory=dict, description="Zone or component id -> the name this option gives it."
    )
    sources: list[Id] = Field(min_length=1)
    verified_on: dt.date


class DiagramFile(Strict):
    slots: list[DiagramSlot] = Field(min_length=1)
    zones: list[DiagramZone] = Field(min_length=1)
    components: list[DiagramComponent] = Field(min_length=1)
    flows: list[DiagramFlow] = Field(min_length=1)
    options: dict[Id, OptionDiagram] = Field(description="option id -> its diagram")


#: Which model each kind of data file is validated against (also the JSON Schema names).
FILE_MODELS: dict[str, type[BaseModel]] = {
    "categories": CategoryFile,
    "option": Option,
    "rules": RuleFile,
    "glossary": GlossaryFile,
    "sources": SourceFile,
    "tree": Tree,
    "presets": PresetFile,
    "changes": ChangeFile,
    "egress": EgressFile,
    "network": NetworkFile,
    "detect": DetectFile,
    "diagrams": DiagramFile,
}
