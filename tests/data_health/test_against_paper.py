"""Data health: the shipped knowledge base against Benner, "Cluster Policy: Principles and a Toolbox".

Every expected value below is transcribed from the paper itself (the seed text
002_62533ad0b5787166.txt), never from data/; each constant names the table it comes from.
Each test collects every mismatch and asserts once, so one run shows all that is wrong.
The `kb` fixture (tests/conftest.py) is the shipped knowledge base, loaded once.
"""

from __future__ import annotations

import re
from collections import Counter

from toolbox.kb.records import LEVELS

# --- Benner, Table 2 ("Mechanisms of cluster theory on spatial scales") -------------------------
# (supranational, national, regional, local). The extraction capitalises some cells ("Strong",
# "Medium", "Weak"); the paper's values are the same words, so they are given in lower case here.
TABLE_2 = {
    "graduate_recruitment": ("medium", "strong", "strong", "strong"),  # Recruitment of qualified new staff...
    "labour_mobility": ("medium", "strong", "strong", "strong"),  # Labor mobility among companies or between...
    "student_work": ("weak", "medium", "strong", "strong"),  # Student work in companies...
    "spinoff_formation": ("weak", "medium", "strong", "strong"),  # Spinoff formation
    "venture_capital": ("weak", "medium", "strong", "strong"),  # Availability of venture capital...
    "research_cooperation": ("weak", "medium", "strong", "strong"),  # Cooperation between higher education...
    "horizontal_cooperation": ("weak", "strong", "strong", "strong"),  # Horizontal cooperation among companies...
    "vertical_cooperation": ("weak", "medium", "strong", "strong"),  # Vertical cooperation among companies
    "local_competition": ("weak", "medium", "strong", "strong"),  # Intensive local competition
    "social_hierarchy_competition": ("weak", "weak", "strong", "strong"),  # Competition in the local social hierarchy
    "cafeteria_effects": ("weak", "weak", "medium", "strong"),  # Cafeteria effects
    "social_networks": ("weak", "medium", "strong", "strong"),  # Social networks
}

# --- Benner, Table 3 ("Instruments of cluster policy") ----------------------------------------
# The instruments listed under each mechanism, in the paper's words (line breaks and the
# extraction's end-of-line hyphenation joined; the paper's typos "universties" and
# "technology centers of science parks" kept as printed).
LOBBYING = ("Lobbying for measures of education and science policy (e.g. for locating "
            "R&D/education institutions within the cluster)")
CONGRESSES_WITH_VISITS = ("Congresses, company visits, seminars and other meetings as a means of initiating "
                          "and maintaining contacts")
CLUSTER_STRATEGY = "Collaboration in designing a cluster strategy in order to participate in a cluster competition"
CONTACTS = ("Use of contacts to other associations or networks for trans-regional matching in the external "
            "cluster dimension")
CLIMATE = ("Creation of a cooperative climate by building a common cluster identity (e.g. through public "
           "relations initiatives)")
UNI_INFRASTRUCTURE = ("Use of universities' or R&D institutions' infrastructure (e.g. laboratories or machines) "
                      "by industry")
COMPANY_COOPERATION = [  # the list that Table 3 prints under horizontal and under vertical cooperation
    "Management of cooperation projects",
    "Direct matching of potential partners",
    CONGRESSES_WITH_VISITS,
    "Use of leading companies' infrastructure (e.g. laboratories or machines) by other companies",
    "Financial support for collaboration (also through cluster competitions)",
    None,  # the formation of associations: worded differently under horizontal and vertical
    CONTACTS,
    CLUSTER_STRATEGY,
    ("Use of trade fair participation programs for trans-regional or international matching in the external "
    "cluster dimension"),
    "Use of delegation trips for trans-regional or international matching in the external cluster dimension",
    "Online cooperation database",
    CLIMATE,
    "Focused investment promotion towards external companies, including through focused allocation of subsidies",
    "Use of public relations initiatives for trans-regional matching in the external cluster dimension",
]


def _with(items: list, formation: str) -> list[str]:
    return [formation if item is None else item for item in items]


TABLE_3 = {
    "graduate_recruitment": [
        "Job fairs",
        "Direct matching between employers and qualified job-seekers",
        "Direct dialogue between companies and R&D/education institutions",
        "Public relations initiatives for the cluster",
        "Online job exchange",
        LOBBYING,
    ],
    "labour_mobility": [
        "Job fairs",
        "Direct matching between employers and qualified job-seekers",
        "Public relations initiatives for the cluster",
        "Online job exchange",
        LOBBYING,
    ],
    "student_work": [
        "Job fairs",
        "Direct matching between employers and qualified job-seekers",
        "Direct dialogue between companies and R&D/education institutions",
        "Public relations initiatives for the cluster",
        "Online job and internship exchange",
        "Scholarships for theses and internships",
        LOBBYING,
    ],
    "spinoff_formation": [
        "Entrepreneurship or business plan competitions",
        "Foundation of technology centers or science parks",
        "Entrepreneurship seminars",
        ("Consulting for (possible) entrepreneurs before and after the new business formation and information "
        "about support options"),
        "Matching of entrepreneurs and experts",
        "Industry and technology-specific subsidies for new business formation",
        LOBBYING,
    ],
    "venture_capital": [
        "Allocation of venture capital by venture capital funds",
        "Direct coaching for spinoffs by venture capital donors",
        "Development of technology centers or science parks into incubators through the offer of venture capital",
    ],
    "research_cooperation": [
        "Technology transfer departments of subsidiaries of universities",
        "Technology transfer specialists at university institutes or chairs",
        "Management of cooperation projects",
        "Direct matching of potential partners",
        "Congresses, seminars and other meetings as a means of initiating and maintaining contacts",
        "University classes for industry workers",
        "University training programs for industry workers",
        UNI_INFRASTRUCTURE,
        "Financial support for collaboration (also through cluster competitions)",
        "Innovation vouchers",
        "Formation of associations or working groups encompassing industry and universties or R&D institutions",
        CONTACTS,
        "Industry semesters of university teachers",
        CLUSTER_STRATEGY,
        "Online cooperation database",
        CLIMATE,
        LOBBYING,
    ],
    "horizontal_cooperation": _with(COMPANY_COOPERATION, "Formation of industry associations or working groups"),
    "vertical_cooperation": _with(COMPANY_COOPERATION,
                                  "Formation of associations or working groups encompassing various industries"),
    "local_competition": [
        "Sophisticated public procurement",
        "Implementation of common parameters for competition through standard-setting and certification",
        ("Focused investment promotion towards external competitors, including through focused allocation of "
        "subsidies"),
    ],
    "social_hierarchy_competition": [
        "Information about cluster personalities (e.g. in newsletters and publications)",
        "Allocation of awards",
    ],
    "cafeteria_effects": [
        "Foundation of technology centers of science parks",
        UNI_INFRASTRUCTURE,
    ],
    "social_networks": [
        CONGRESSES_WITH_VISITS,
        "Use of well-connected personalities as a means of initiating and maintaining contacts",
        "Industry semesters of university teachers",
        CLUSTER_STRATEGY,
    ],
}
# Table 3: the number of instruments it lists under each mechanism, counted by hand from the paper.
TABLE_3_COUNTS = {
    "graduate_recruitment": 6, "labour_mobility": 5, "student_work": 7, "spinoff_formation": 7,
    "venture_capital": 3, "research_cooperation": 17, "horizontal_cooperation": 14, "vertical_cooperation": 14,
    "local_competition": 3, "social_hierarchy_competition": 2, "cafeteria_effects": 2, "social_networks": 4,
}
TABLE_3_LINKS = 84  # Table 3: 6+5+7+7+3+17+14+14+3+2+2+4 bullet points
# Table 3: "Lobbying for measures of education and science policy ..." is listed under exactly these five.
LOBBYING_MECHANISMS = {"graduate_recruitment", "labour_mobility", "student_work", "spinoff_formation",
                       "research_cooperation"}

# --- Benner, Table 4 ("Agents of cluster policy") ---------------------------------------------
# Agent types per group and level: (supranational, national, regional, local), counted from the paper.
TABLE_4_COUNTS = {
    # leading companies, other companies; regional/local add branches of businesses headquartered elsewhere
    "businesses": (2, 2, 3, 3),
    # supranational federations; national associations or federations + national private-law chambers;
    # regional/local: trade associations, business associations, branches of (national/regional)
    # associations, (branches of) private-law chambers of commerce
    "associations": (1, 2, 4, 4),
    # supranational: agencies (e.g. EU commission), public banks;
    # national: ministries of science, industry, technology, investment promotion agency, export promotion
    # agency, public banks;
    # regional: office of the head of government, departments of science, industry, technology, other
    # departments, technology transfer agency, investment promotion agency, export promotion agency, public
    # science or economic development foundations, public banks, public-law chambers of commerce;
    # local: municipal departments (towns and villages), (counties or districts), joint departments of
    # several municipalities, technology transfer agency, public foundations, public banks, branches of
    # public-law chambers of commerce, job center branches
    "government_agents": (2, 6, 11, 8),
    # research institutions in the field of cluster policy, research institutions with relevant knowledge,
    # universities, other educational and training institutions - on every level
    "universities_research": (4, 4, 4, 4),
    # regional cluster management, local cluster management
    "cluster_initiatives": (0, 0, 1, 1),
    # consultants, private banks, (specialized) venture capital companies; regional/local add branches of
    # trade unions
    "other_agents": (3, 3, 4, 4),
}
TABLE_4_CLUSTER_INITIATIVES = {"regional_cluster_management", "local_cluster_management"}


def _norm(text: str) -> str:
    """Compare wordings regardless of case, whitespace, typographic quotes and hyphenation."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text)  # a word broken across lines: "educa- tion"
    text = re.sub(r"[-\u2010\u2011\u2013\u2014]", " ", text)
    return " ".join(text.split())


def _wordings(instrument) -> set[str]:
    return {_norm(instrument.name), *(_norm(v) for v in instrument.variants)}


def _fail(mismatches: list[str]) -> None:
    assert not mismatches, f"{len(mismatches)} mismatch(es) with the paper:\n" + "\n".join(mismatches)


def test_table_3_transcription_is_self_consistent():
    """Guards the constants above: the hand counts agree with the transcribed lists."""
    assert {m: len(v) for m, v in TABLE_3.items()} == TABLE_3_COUNTS
    assert sum(TABLE_3_COUNTS.values()) == TABLE_3_LINKS
    assert {m for m, v in TABLE_3.items() if LOBBYING in v} == LOBBYING_MECHANISMS
    assert set(TABLE_3) == set(TABLE_2)


def test_mechanisms_and_strengths_match_table_2(kb):
    mismatches = []
    if list(kb.mechanisms) != list(TABLE_2):
        missing = [m for m in TABLE_2 if m not in kb.mechanisms]
        extra = [m for m in kb.mechanisms if m not in TABLE_2]
        if missing or extra:
            mismatches.append(f"mechanism ids: missing {missing}, not in Table 2 {extra}")
    for mech_id, expected in TABLE_2.items():
        mechanism = kb.mechanisms.get(mech_id)
        if mechanism is None:
            continue
        for level, want in zip(LEVELS, expected, strict=True):
            got = getattr(mechanism.strength, level)
            if got.lower() != want:
                mismatches.append(f"{mech_id}.strength.{level}: {got!r}, Table 2 says {want!r}")
    _fail(mismatches)


def test_instrument_links_match_table_3_counts(kb):
    mismatches = []
    links = sum(len(i.mechanisms) for i in kb.instruments.values())
    if links != TABLE_3_LINKS:
        mismatches.append(f"{links} instrument-mechanism links, Table 3 lists {TABLE_3_LINKS}")
    for mech_id, want in TABLE_3_COUNTS.items():
        got = len(kb.instruments_for(mech_id))
        if got != want:
            mismatches.append(f"{mech_id}: {got} instruments, Table 3 lists {want}")
    lobbying = kb.instruments.get("education_science_lobbying")
    if lobbying is None:
        mismatches.append("no instrument 'education_science_lobbying'")
    else:
        if set(lobbying.mechanisms) != LOBBYING_MECHANISMS or len(lobbying.mechanisms) != len(LOBBYING_MECHANISMS):
            mismatches.append(f"education_science_lobbying acts on {list(lobbying.mechanisms)}, "
                              f"Table 3 lists it under {sorted(LOBBYING_MECHANISMS)}")
        if _norm(LOBBYING) not in _wordings(lobbying):
            mismatches.append(f"education_science_lobbying is not worded as in Table 3: {lobbying.name!r}")
    _fail(mismatches)


def test_instruments_under_each_mechanism_match_table_3_wording(kb):
    mismatches = []
    all_paper = {_norm(w) for words in TABLE_3.values() for w in words}
    for mech_id, words in TABLE_3.items():
        linked = kb.instruments_for(mech_id)
        matched: set[str] = set()
        for word in words:
            hits = [i.id for i in linked if _norm(word) in _wordings(i)]
            if not hits:
                elsewhere = [i.id for i in kb.instruments.values() if _norm(word) in _wordings(i)]
                note = f" (worded so by {elsewhere}, not linked to it)" if elsewhere else ""
                mismatches.append(f"{mech_id}: Table 3 lists {word!r}, no linked instrument has that wording{note}")
            elif len(hits) > 1:
                mismatches.append(f"{mech_id}: {word!r} matches several linked instruments {hits}")
            matched.update(hits)
        for instrument in linked:
            if instrument.id not in matched:
                mismatches.append(f"{mech_id}: instrument {instrument.id} ({instrument.name!r}) is linked, "
                                  "but Table 3 lists none of its wordings under this mechanism")
    for instrument in kb.instruments.values():
        for wording in (instrument.name, *instrument.variants):
            if _norm(wording) not in all_paper:
                mismatches.append(f"{instrument.id}: {wording!r} is not a wording of Table 3")
    _fail(mismatches)


def test_agents_match_table_4(kb):
    mismatches = []
    if set(kb.agent_groups) != set(TABLE_4_COUNTS):
        mismatches.append(f"agent groups {sorted(kb.agent_groups)}, Table 4 has {sorted(TABLE_4_COUNTS)}")
    counts = Counter((a.group, a.level) for a in kb.agents.values())
    for group_id, expected in TABLE_4_COUNTS.items():
        want_levels = tuple(lv for lv, n in zip(LEVELS, expected, strict=True) if n)
        group = kb.agent_groups.get(group_id)
        if group is not None and tuple(group.levels) != want_levels:
            mismatches.append(f"group {group_id} has levels {list(group.levels)}, Table 4: {list(want_levels)}")
        for level, want in zip(LEVELS, expected, strict=True):
            got = counts.get((group_id, level), 0)
            if got != want:
                mismatches.append(f"{group_id} on the {level} level: {got} agent types, Table 4 lists {want}")
    unknown_groups = sorted({g for g, _ in counts} - set(TABLE_4_COUNTS))
    if unknown_groups:
        mismatches.append(f"agents in groups that Table 4 does not have: {unknown_groups}")
    initiatives = {a.id for a in kb.agents.values() if a.group == "cluster_initiatives"}
    if initiatives != TABLE_4_CLUSTER_INITIATIVES:
        mismatches.append(f"cluster_initiatives agents {sorted(initiatives)}, "
                          f"Table 4: {sorted(TABLE_4_CLUSTER_INITIATIVES)}")
    if len(kb.agents) != sum(map(sum, TABLE_4_COUNTS.values())):
        mismatches.append(f"{len(kb.agents)} agent types, Table 4 lists {sum(map(sum, TABLE_4_COUNTS.values()))}")
    _fail(mismatches)


def test_every_record_has_a_complete_source(kb):
    mismatches = []
    records = [("mechanism", r) for r in kb.mechanisms.values()] + \
              [("instrument", r) for r in kb.instruments.values()] + \
              [("agent", r) for r in kb.agents.values()]
    for kind, record in records:
        where = f"{kind} {record.id}"
        source = record.source
        if source is None:
            mismatches.append(f"{where}: no source")
            continue
        if source.document is not None and source.document not in kb.documents:
            mismatches.append(f"{where}: source names unknown document {source.document!r}")
        fields = set(type(record).model_fields) - {"source"}
        for name in source.assessed:
            if name not in fields:
                mismatches.append(f"{where}: source.assessed names {name!r}, which the record does not have")
        if source.document == "benner" and not (source.table or "").strip():
            mismatches.append(f"{where}: cites benner without naming a table")
    for instrument_id in kb.instruments:
        blocks = kb.contribution_sources.get(instrument_id, ())
        if not blocks:
            mismatches.append(f"instrument {instrument_id}: no contribution block with a source")
        for source in blocks:
            if source is None:
                mismatches.append(f"contributions for {instrument_id}: no source")
                continue
            if source.document is not None and source.document not in kb.documents:
                mismatches.append(f"contributions for {instrument_id}: unknown document {source.document!r}")
            # The paper describes the agent-instrument matrix but prints none: every row is ours.
            if not (source.document is None or "rows" in source.assessed):
                mismatches.append(f"contributions for {instrument_id}: rows not marked as assessed "
                                  f"({source.cites()})")
    _fail(mismatches)


def test_every_instrument_has_regional_and_local_contributors(kb):
    mismatches = []
    for instrument_id in kb.instruments:
        levels = {kb.agents[c.agent].level for c in kb.contributions_to(instrument_id)}
        for level in ("regional", "local"):
            if level not in levels:
                mismatches.append(f"{instrument_id}: no contributing agent type on the {level} level")
    _fail(mismatches)
