"""A register says things the way a DPO writes them: every fact it states is read, none is dropped.

Each case is a wording found in real registers that an earlier version read as less than it says
(a sensitive category dropped, a vulnerable group missed, a column ignored without a word, a
count misread) or turned a "don't know" into a "no". The rule: a cell is never read as less
severe than it is written, and what cannot be read is said.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aipd.errors import InputError
from aipd.registers import RegisterRow, open_register, read_csv_text
from aipd.triage import TriageOutcome, triage
from strategies import texts

#: The yes/no facts of a time-clock row that the CNIL exemption list (2019-118, item 11) needs.
NO_FACTS = [
    "decisions.access_to_rights", "decisions.automated", "evaluation.profiling", "evaluation.scoring",
    "evaluation.systematic_extensive", "matching.beyond_expectations", "matching.combines",
    "matching.different_purposes_or_controllers", "monitoring.agents", "monitoring.constant",
    "monitoring.public_area", "monitoring.systematic", "technology.innovative",
]  # fmt: skip


def row(header: str, cells: str) -> RegisterRow:
    """The one row of a ``;`` register with ``header`` and ``cells``."""
    rows = list(read_csv_text(f"{header}\n{cells}\n"))
    assert len(rows) == 1
    return rows[0]


def data_kinds(r: RegisterRow) -> list[str]:
    assert isinstance(r.data, dict)
    return [d["kind"] for d in r.data.get("data", [])]


def subjects(r: RegisterRow) -> list[dict[str, Any]]:
    assert isinstance(r.data, dict)
    return list(r.data.get("data_subjects", []))


def test_every_category_named_in_a_cell_counts() -> None:
    """« Identité, données biométriques » is two categories: keeping only the first made a biometric
    time clock look like the exempt ordinary one (CNIL 2019-118 item 11)."""
    header = (
        "Nom du traitement;Domaines;Catégories de données;Personnes concernées;Nature de l'organisme;"
        + ";".join(NO_FACTS)
    )
    cells = "Badgeuse;access_control_working_time;Identité, données biométriques;Agents;commune;" + ";".join(
        ["non"] * len(NO_FACTS)
    )
    r = row(header, cells)
    assert data_kinds(r) == ["identity", "biometric"]
    (result,) = triage([r])
    assert result.outcome is TriageOutcome.REQUIRED
    assert "cnil-2018-327:11" in result.list_items
    ordinary = row(header, cells.replace("Identité, données biométriques", "Identité"))
    assert triage_outcome(ordinary) is TriageOutcome.EXEMPT  # the same row without the biometric data


def triage_outcome(r: RegisterRow) -> TriageOutcome:
    (result,) = triage([r])
    return result.outcome


@pytest.mark.parametrize(
    ("cell", "kinds"),
    [
        ("Santé, NIR, infractions", ["nir", "offences", "health"]),
        ("Données médicales", ["health"]),
        ("Dossiers médicaux", ["health"]),
        ("Appartenance syndicale", ["trade_union"]),
        ("Données révélant l'appartenance syndicale", ["trade_union"]),
        ("Orientation sexuelle", ["sex_life_orientation"]),
        ("Casier judiciaire", ["offences"]),
        ("Empreintes digitales", ["biometric"]),
        ("Religion", ["religious_beliefs"]),
        ("Convictions religieuses", ["religious_beliefs"]),
        ("Origine raciale ou ethnique", ["racial_ethnic_origin"]),
        ("Numéro d'identification national unique (NIR pour la France)", ["identity", "nir"]),
        ("Arrêts maladie", ["health"]),
        ("Pathologies", ["health"]),
        ("Allergies alimentaires", ["health"]),
        ("Traitements médicamenteux", ["health"]),
        ("RQTH", ["health"]),
        ("Taux d'invalidité", ["health"]),
        ("Suivi psychologique", ["health"]),
        ("Numéro INSEE", ["nir"]),
        ("N° SS", ["nir"]),
        ("Carte Vitale", ["nir"]),
        ("Contraventions", ["offences"]),
        ("Délits", ["offences"]),
        ("Procès-verbaux", ["offences"]),
        ("Coordonnées GPS", ["location"]),
        ("Coordonnées géographiques", ["location"]),
    ],
)
def test_sensitive_wordings_are_recognised(cell: str, kinds: list[str]) -> None:
    """Feminine and plural forms, the CNIL's own labels and common synonyms of art. 9 and 10 data, of
    the NIR and of location data (« Coordonnées GPS » were identity: the location data vanished)."""
    r = row("Nom du traitement;Données sensibles", f"Dossiers;{cell}")
    assert data_kinds(r) == kinds
    assert not r.notes  # recognised, not filed as "other" with a note


@pytest.mark.parametrize(
    ("cell", "kinds"),
    [
        ("Coordonnées", ["identity"]),
        ("Code INSEE de la commune", ["other"]),
        ("Sécurité des locaux", ["other"]),
    ],
)
def test_wordings_near_sensitive_ones_are_not_read_as_them(cell: str, kinds: list[str]) -> None:
    """« Coordonnées » alone is how to reach a person; a commune's « code INSEE » is not a NIR, nor
    « Sécurité » a social security number."""
    assert data_kinds(row("Nom du traitement;Catégories de données", f"T;{cell}")) == kinds


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Élus, enfants (conseil municipal des jeunes)", [("elected", None), ("children", None)]),
        ("Candidats, mineurs", [("candidates", None), ("children", None)]),
        ("Parents d'élèves", [("parents", None)]),
        ("Majeurs sous tutelle", [("protected_adults", None)]),
        ("Personnes en situation de handicap", [("other", ["disability"])]),
        ("Familles en situation de précarité", [("parents", ["precarity"])]),
    ],
)
def test_vulnerable_persons_are_recognised(cell: str, expected: list[tuple[str, list[str] | None]]) -> None:
    """Every category a cell names, and the words that say persons are vulnerable (WP248 criterion 7);
    « Parents d'élèves » are parents, not pupils."""
    found = [
        (s["kind"], s.get("vulnerabilities"))
        for s in subjects(row("Nom du traitement;Personnes concernées", f"T;{cell}"))
    ]
    assert found == expected


def test_persons_said_vulnerable_are_vulnerable() -> None:
    (subject,) = subjects(row("Nom du traitement;Personnes concernées", "T;Personnes vulnérables"))
    assert subject["vulnerable"] is True


@pytest.mark.parametrize("word", ["?", "à préciser", "À vérifier", "inconnu", "NSP"])
def test_dont_know_leaves_the_fact_unknown(word: str) -> None:
    """« ? » or « à préciser » in a yes/no column is a fact the DPO does not know yet: unknown, and the
    row is read (an earlier version made the whole row unreadable, losing its other facts)."""
    r = row("Nom du traitement;Données sensibles;monitoring.systematic", f"Dossiers;Santé;{word}")
    assert not r.problems
    assert isinstance(r.data, dict)
    assert "systematic" not in r.data.get("monitoring", {})
    assert data_kinds(r) == ["health"]


def test_sans_objet_declares_nothing() -> None:
    """« Sans objet » in the AI system or transfers column is "none", not an AI system so named."""
    r = row("Nom du traitement;Système d'IA;Transferts hors UE", "T;Sans objet;Sans objet")
    assert isinstance(r.data, dict)
    assert "ai_system" not in r.data
    assert not r.notes


@pytest.mark.parametrize(
    ("cell", "persons"),
    [
        ("12 000", 12000),
        ("12\u202f000", 12000),
        ("12\u2009000", 12000),
        ("12\u00a0000", 12000),
        ("12.000", 12000),
        ("12 000,00", 12000),
        ("12000.0", 12000),
        ("12000,00", 12000),
        ("12 000 personnes", 12000),
        ("3000 habitants", 3000),
    ],
)
def test_counts_as_registers_write_them(cell: str, persons: int) -> None:
    r = row("Nom du traitement;Nombre de personnes concernées", f"T;{cell}")
    assert not r.problems
    assert isinstance(r.data, dict)
    assert r.data["scale"] == {"persons": persons}


@pytest.mark.parametrize("cell", ["12,000", "100,000", "12,000 personnes", "1,500,000"])
def test_a_comma_before_three_digits_is_ambiguous(cell: str) -> None:
    """« 12,000 » is twelve thousand (English) or twelve (French decimal comma): it was read as 12, and
    a large-scale processing as a small one. Neither reading is chosen: the row is unreadable."""
    r = row("Nom du traitement;Nombre de personnes concernées", f"T;{cell}")
    assert [p.message.fr for p in r.problems] == [
        f"nombre ambigu « {cell} » : la virgule sépare-t-elle les milliers ou les décimales ? "
        "écrivez-le sans virgule (« 12 000 » ou « 12 »)"
    ]
    (result,) = triage([r])
    assert result.outcome is TriageOutcome.UNREADABLE


@pytest.mark.parametrize("cell", ["1.5", "environ 3 000", "> 10 000", "1 000 à 5 000", "9" * 40])
def test_counts_that_are_not_a_number_are_said(cell: str) -> None:
    """A decimal point is not a thousands separator (« 1.5 » was read as 15); approximations and
    ranges are for the DPO to settle, not for aipd to guess: the row is unreadable, with the reason."""
    r = row("Nom du traitement;Nombre de personnes concernées", f"T;{cell}")
    assert [p.message.fr for p in r.problems] == [f"nombre entier attendu, lu « {cell} »"]


def test_two_columns_for_one_list_are_both_read() -> None:
    """« Données sensibles » = Oui and « Données sensibles traitées » = Santé: health was dropped with
    the second column, and with it GDPR art. 35(3)(b)."""
    header = "Nom du traitement;Données sensibles;Données sensibles traitées;Personnes concernées;Nombre de personnes"
    register = read_csv_text(f"{header}\nPortage de repas;Oui;Santé (régimes);Personnes âgées;20000\n")
    assert register.ignored == ()
    (r,) = list(register)
    assert "health" in data_kinds(r)
    (result,) = triage([r])
    assert "gdpr:art35-3-b" in result.mandatory


def test_a_note_in_brackets_in_a_header_is_ignored() -> None:
    register = read_csv_text(
        "Nom du traitement;Données sensibles (art. 9);Nombre de personnes (estimation)\nT;Santé;500\n"
    )
    assert register.ignored == ()
    (r,) = list(register)
    assert data_kinds(r) == ["health"]


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("Mairie", "commune"),
        ("Ville de Lorvalle", "commune"),
        ("Communauté de communes", "epci"),
        ("Communauté d'agglomération", "epci"),
        ("Métropole", "epci"),
        ("Conseil départemental", "departement"),
        ("Centre communal d'action sociale", "ccas"),
        ("Syndicat intercommunal", "syndicat"),
    ],
)
def test_bodies_by_their_common_names(cell: str, kind: str) -> None:
    r = row("Nom du traitement;Nature de l'organisme", f"T;{cell}")
    assert not r.problems
    assert isinstance(r.data, dict)
    assert r.data["controller"]["kind"] == kind


def test_an_unknown_kind_of_body_lists_the_french_labels() -> None:
    (problem,) = row("Nom du traitement;Nature de l'organisme", "T;Association").problems
    assert (
        "valeur non reconnue « Association » (admises : Commune ; EPCI (intercommunalité) ;"
        in problem.message.fr
    )
    assert "local_public_establishment" not in problem.message.fr


def test_a_quote_never_closed_is_refused_not_swallowed() -> None:
    """A stray opening quote made the next records part of one cell: they were never triaged and the
    count said nothing. The whole register is refused, naming the line."""
    text = (
        "Nom du traitement;Finalité;Données sensibles;Personnes concernées\n"
        'Accueil;"Repas des enfants;Identité;Enfants\n'
        "Dossiers CCAS;Aide sociale;Santé;Usagers\n"
        "Paie;Payer;NIR;Agents\n"
    )
    with pytest.raises(InputError, match="CSV mal formé ligne 2 : une cellule contient des lignes entières"):
        list(read_csv_text(text))


@pytest.mark.parametrize(
    "text",
    [
        # two columns: the swallowed lines hold one separator, fewer than a record's check asks
        'Nom du traitement;Description\nAccueil;"Repas\nDossiers CCAS;Aide sociale\nPaie;Payer\n',
        # trailing empty cells left out: the swallowed lines are shorter than a record
        'Nom du traitement;Finalité;Personnes concernées\nAccueil;"Repas;Enfants\nDossiers CCAS;Aide\nPaie\n',
    ],
)
def test_a_quote_never_closed_is_refused_even_when_the_lost_lines_are_short(text: str) -> None:
    """A quote opened and never closed runs to the end of the file: the processings after it were lost,
    the register triaged as if it had one row, with exit 0. It is refused, naming the quote's line."""
    with pytest.raises(InputError, match="CSV mal formé ligne 2 : un guillemet ouvert n'est jamais fermé"):
        list(read_csv_text(text))


def test_a_quoted_cell_closed_after_a_line_break_is_read() -> None:
    """The last record's cell, quoted and closed after its line breaks, is not mistaken for a cut-off one."""
    text = 'Nom du traitement;Description\nAccueil;"Repas\ndes enfants\n"\n'
    (r,) = read_csv_text(text)
    assert not r.problems
    assert isinstance(r.data, dict)
    assert r.data["description"] == "Repas\ndes enfants"


def test_a_quote_never_closed_in_a_file_is_refused(tmp_path: Path) -> None:
    """The same check reads the end of a register file on disk (its last bytes, not the whole file)."""
    path = tmp_path / "registre.csv"
    path.write_text('Nom du traitement;Description\nAccueil;"Repas\nPaie;Payer\n', encoding="utf-8")
    with pytest.raises(InputError, match="ligne 2 : un guillemet ouvert n'est jamais fermé"):
        list(open_register(path))


def test_an_oversized_cell_is_an_input_error() -> None:
    with pytest.raises(InputError, match="CSV illisible vers la ligne"):
        list(read_csv_text('Nom du traitement;Finalité\nT;"' + "x" * 200_000 + "\n"))


@pytest.mark.parametrize("answer", ["Oui", "Oui (allergies)", "oui - PAI", "Oui, allergies"])
def test_a_fiche_check_list_answer_with_a_detail(tmp_path: Path, answer: str) -> None:
    """In the CNIL model's fiche, « Oui (allergies) » ticks the line as « Oui » does."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Organisme"
    book.active["A1"] = "Commune"
    sheet = book.create_sheet("Cantine")
    for line in (
        ["Fiche de registre"],
        [None, "Nom / sigle", "Cantine scolaire"],
        [None, "Finalité principale", "Inscrire les enfants"],
        [None, "Catégories de données personnelles", "État civil, identité"],
        [None, "Données sensibles"],
        [None, "Catégorie", "Oui / Non", "Description"],
        [None, "Données de santé", answer, "allergies"],
        [None, "Catégories de personnes concernées", "Enfants"],
    ):
        sheet.append(line)
    path = tmp_path / "fiches.xlsx"
    book.save(path)
    (r,) = list(open_register(path))
    assert "health" in data_kinds(r)


def test_columns_not_read_are_said_on_standard_error(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Nom du traitement;Finalité;Observations du DPD\nT;Payer;RAS\n", encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "aipd.cli", "triage", str(path)], capture_output=True, text=True, check=False
    )
    assert "colonnes non lues" in cli.stderr
    assert "« Observations du DPD »" in cli.stderr


def test_a_comma_in_a_header_does_not_make_the_comma_the_separator() -> None:
    """The CNIL model's label « Observation, surveillance ou contrôle systématique des personnes »
    holds a comma; with rows such as « Habitants, passants » the sniffer chose the comma and the
    whole register was refused. The separator is the one that makes known headers."""
    text = (
        "Nom du traitement;Personnes concernées;Observation, surveillance ou contrôle systématique des personnes\n"
        "Vidéoprotection;Habitants, passants;Oui\n"
        "Cantine;Enfants, parents;Non\n"
    )
    first, second = list(read_csv_text(text))
    assert isinstance(first.data, dict)
    assert first.data["monitoring"] == {"systematic": True}
    assert [s["kind"] for s in subjects(second)] == ["children", "parents"]


_WORDINGS = [
    "Identité", "État civil", "Coordonnées", "Santé", "Données médicales", "NIR", "Infractions",
    "Casier judiciaire", "Données biométriques", "Empreintes digitales", "Vie professionnelle", "Image",
    "Appartenance syndicale", "Religion", "Localisation", "Situation sociale", "Données bancaires",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDINGS), min_size=1, max_size=4),
    st.sampled_from([", ", " et ", " / ", " + "]),
)
def test_a_cell_naming_several_categories_keeps_each_of_them(wordings: list[str], joiner: str) -> None:
    """Property: the categories read from « A, B, C » are those read from A, from B and from C,
    whatever the joining words: naming more never drops one (the first-word-wins bug)."""
    header = "Nom du traitement;Catégories de données"
    alone = {kind for w in wordings for kind in data_kinds(row(header, f"T;{w}"))}
    together = set(data_kinds(row(header, f"T;{joiner.join(wordings)}")))
    assert alone <= together


def test_a_register_without_an_ai_column_says_what_is_assumed() -> None:
    """The CNIL's register model has no AI field: a register without one is read as « no AI system »,
    and says so once, so the DPO knows the AI Act was not examined for want of a column."""
    without = read_csv_text("Nom du traitement;Finalité\nT;Payer\n")
    assert any("pas de colonne « Système d'IA »" in n.fr for n in without.notes)
    with_column = read_csv_text("Nom du traitement;Finalité;Système d'IA\nT;Payer;Non\n")
    assert not any("Système d'IA" in n.fr for n in with_column.notes)


#: A settled row but for its data: every yes/no fact answered, 300 agents, an ordinary domain.
SETTLED = (
    "Nom du traitement;Responsable du traitement;Nature de l'organisme;Domaines;Finalité;Base légale;"
    "Personnes concernées;Nombre de personnes concernées;Catégories de données;" + ";".join(NO_FACTS),
    "Absences;Commune de Lorvalle;commune;Urbanisme;Gérer les absences;Consentement;Agents;300;{data};"
    + ";".join(["non"] * len(NO_FACTS)),
)


def settled(data: str) -> RegisterRow:
    """The :data:`SETTLED` row with ``data`` in its data column."""
    return row(SETTLED[0], SETTLED[1].format(data=data))


@pytest.mark.parametrize("cell", ["?", "à préciser", "inconnu", "Voir fiche", "Non renseigné", "NC"])
def test_a_dont_know_for_the_data_leaves_them_unknown(cell: str) -> None:
    """« ? » or « voir fiche » in the data column was filed as ordinary data (« autres données
    courantes »): the sensitive-data criterion and GDPR art. 35(3)(b) read « not met » and the row
    « AIPD non requise ». The data are unknown, as with « NC »: the row is incomplete."""
    assert triage_outcome(settled("Identité")) is TriageOutcome.NOT_REQUIRED  # the same row, data known
    r = settled(cell)
    assert data_kinds(r) == []
    (result,) = triage([r])
    assert result.outcome is TriageOutcome.INCOMPLETE
    assert "data" in result.missing_facts


@pytest.mark.parametrize("cell", ["Identité • à préciser", "Identité | ?", "Identité • Non communiqué"])
def test_data_given_in_part_keep_what_is_read_and_settle_nothing_short_of_required(cell: str) -> None:
    """« Identité ; à préciser »: identity is read, the rest is not known. Identity alone would make
    the row « AIPD non requise »; what is still to come may be health data."""
    r = settled(cell)
    assert data_kinds(r) == ["identity"]
    assert r.partial == ("data",)
    (result,) = triage([r])
    assert result.outcome is TriageOutcome.INCOMPLETE
    assert result.missing_facts == ("data",)
    assert result.explanation is not None
    assert result.explanation.fr == "À préciser dans le registre : Catégories de données."


def test_data_given_in_part_do_not_lower_a_required_dpia() -> None:
    """What is read is kept: health data and agents are two WP248 criteria, whatever is still to come."""
    r = settled("Santé | ?")
    assert data_kinds(r) == ["health"]
    (result,) = triage([r])
    assert result.outcome is TriageOutcome.REQUIRED
    assert "data" in result.missing_facts


def test_a_dont_know_among_the_persons_is_not_a_category_of_persons() -> None:
    r = row("Nom du traitement;Personnes concernées", "T;Agents • à préciser")
    assert [s["kind"] for s in subjects(r)] == ["agents"]
    assert r.partial == ("data_subjects",)


@pytest.mark.parametrize(
    ("column", "kind"), [("Catégories de données", "other"), ("Données sensibles", "other_highly_personal")]
)
def test_a_category_not_recognised_settles_nothing_short_of_required(column: str, kind: str) -> None:
    """« Sérologies » is filed under the nearest category with a note, but it was not read: as
    « autres données courantes » it made the row « AIPD non requise », as « autres données à caractère
    hautement personnel » it kept GDPR art. 9 and 10 rules « not met ». The data are given in part."""
    header, cells = SETTLED
    r = row(header.replace("Catégories de données", column), cells.format(data="Identité • Sérologies"))
    # In the sensitive column, « Identité » read as ordinary data is also kept as highly personal.
    assert set(data_kinds(r)) == {"identity", kind}
    assert r.partial == ("data",)
    (result,) = triage([r])
    assert result.outcome in (TriageOutcome.INCOMPLETE, TriageOutcome.REQUIRED)
    assert "data" in result.missing_facts


@pytest.mark.parametrize(
    ("cell", "kinds"),
    [
        ("Nom, prénom, adresse, téléphone, courriel", ["identity"]),
        ("Adresse IP", ["connection"]),
        ("Diplômes et formations", ["professional_life"]),
        ("Quotient familial", ["financial"]),
    ],
)
def test_common_ordinary_wordings_are_recognised(cell: str, kinds: list[str]) -> None:
    """Ordinary wordings are read, so that only what aipd cannot read leaves the data in part."""
    r = row("Nom du traitement;Catégories de données", f"T;{cell}")
    assert data_kinds(r) == kinds
    assert r.partial == ()


def staff(domains: str) -> RegisterRow:
    """The :data:`SETTLED` row of a body of 120 agents, its data identity, with ``domains``."""
    header, cells = SETTLED
    return row(
        header + ";controller.agents", cells.format(data="Identité").replace("Urbanisme", domains) + ";120"
    )


@pytest.mark.parametrize(
    "domains", ["Gestion du personnel • Géolocalisation des véhicules", "Gestion du personnel • Archivage"]
)
def test_a_domain_not_recognised_opens_no_exemption(domains: str) -> None:
    """« Gestion du personnel • Géolocalisation des véhicules »: the second domain was dropped with a
    note, the processing looked like staff management alone and the CNIL exemption (délibération
    2019-118, item 1) was met: « Dispensé d'AIPD ». The unread domain is « Autre », so no exempt type
    is entire, and the domains are given in part."""
    assert triage_outcome(staff("Gestion du personnel")) is TriageOutcome.EXEMPT  # the same row, one domain
    r = staff(domains)
    assert isinstance(r.data, dict)
    assert r.data["domains"] == ["hr_management", "other"]
    assert r.partial == ("domains",)
    (result,) = triage([r])
    assert result.outcome is TriageOutcome.INCOMPLETE
    assert "cnil-2019-118:1" not in result.list_items
    assert "domains" in result.missing_facts


def test_a_dont_know_among_the_domains_opens_no_exemption() -> None:
    r = staff("Gestion du personnel • à préciser")
    assert isinstance(r.data, dict)
    assert r.data["domains"] == ["hr_management"]
    assert r.partial == ("domains",)
    assert triage_outcome(r) is TriageOutcome.INCOMPLETE


@pytest.mark.parametrize(
    ("cell", "domains"),
    [
        ("Vidéosurveillance des cours", ["video_protection"]),
        ("Caméras piétons", ["video_protection"]),
        ("Détection de fraude", ["fraud_detection"]),
        ("Lutte anti-fraude", ["fraud_detection"]),
        ("Logements sociaux", ["social_housing"]),
        ("Lanceurs d'alerte", ["professional_alerts"]),
    ],
)
def test_common_domain_wordings_are_recognised(cell: str, domains: list[str]) -> None:
    r = row("Nom du traitement;Domaine", f"T;{cell}")
    assert isinstance(r.data, dict)
    assert r.data["domains"] == domains
    assert r.partial == ()


def test_no_domain_wording_leads_to_an_exempt_type() -> None:
    """A word is a guess: it may not read a domain as one the CNIL list exempts (délibération 2019-118,
    its types and their accessories), or « Contrôle du personnel » could open the staff exemption."""
    from aipd.registers import _DOMAIN_WORDS
    from aipd.vocabulary import Domain

    exempt = {
        Domain.HR_MANAGEMENT, Domain.SUPPLIER_RELATIONS, Domain.ELECTORAL_ROLL, Domain.WORKS_COUNCIL,
        Domain.MEMBERS_DONORS, Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.INDIVIDUAL_LAWYER,
        Domain.COMMERCIAL_COURT_CLERK, Domain.NOTARY, Domain.SCHOOL_SERVICES,
        Domain.ACCESS_CONTROL_WORKING_TIME, Domain.BREATHALYSER, Domain.HEALTH_CARE, Domain.TAXATION_BILLING,
        Domain.CITIZEN_INFORMATION,
    }  # fmt: skip
    assert not {domain for _, domain in _DOMAIN_WORDS} & exempt


def without_kind(data: str, **replace: str) -> RegisterRow:
    """The :data:`SETTLED` row without its « Nature de l'organisme » column, cells replaced as asked."""
    header, cells = SETTLED
    cells = cells.format(data=data).replace("commune;", "", 1)
    for old, new in replace.items():
        cells = cells.replace(old, new)
    return row(header.replace("Nature de l'organisme;", ""), cells)


def test_a_register_without_the_kind_of_body_hides_no_blocking_issue() -> None:
    """Without « Nature de l'organisme » the kind was assumed « autre », the one kind for which the
    legitimate interest is open (GDPR art. 6(1), second subparagraph): the blocking issue vanished.
    A blocking issue that holds if the body is public is shown, the kind among the facts to confirm."""
    r = without_kind("Identité", Consentement="Intérêt légitime")
    assert r.assumed == ("controller.kind",)
    (result,) = triage([r])
    assert result.blocking == ("gdpr:no-legal-basis",)
    assert "controller.kind" in result.missing_facts


def test_a_register_without_the_kind_of_body_settles_no_exemption_on_it() -> None:
    """School services, health data of children: exempt for a commune (délibération 2019-118, item 10),
    required for « autre ». Without the kind the answer is neither: incomplete, a probable DPIA."""
    from aipd.triage import presumed

    school = {
        "Urbanisme": "Affaires scolaires, périscolaires et petite enfance",
        "Agents": "Enfants",
        "Consentement": "Mission d'intérêt public",
    }
    (result,) = triage([without_kind("Identité • Allergies", **school)])
    assert result.outcome is TriageOutcome.INCOMPLETE
    assert "controller.kind" in result.missing_facts
    assert presumed(result)


@pytest.mark.parametrize(
    "cell",
    [
        "Situation familiale (divorce, violences conjugales)",
        "Courriels privés des agents",
        "IPP (incapacité permanente partielle)",
    ],
)
def test_an_ordinary_word_in_the_sensitive_column_does_not_make_the_data_ordinary(cell: str) -> None:
    """The « Données sensibles » column says the data are sensitive: a word of an ordinary category
    inside (« situation familiale », « courriels », « IP » in « IPP ») keeps them highly personal too,
    given in part, and the row never comes out short of the sensitive-data criterion."""
    header, cells = SETTLED
    r = row(header.replace("Catégories de données", "Données sensibles"), cells.format(data=cell))
    kinds = data_kinds(r)
    assert "connection" not in kinds  # « ip » matches a whole word only
    assert any(k in kinds for k in ("other_highly_personal", "health", "social_situation"))


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("Voir fiche : données de santé", "health"), ("cf. annexe - infractions", "offences")],
)
def test_a_reference_elsewhere_that_names_a_category_is_read(cell: str, kind: str) -> None:
    """« Voir fiche : données de santé » names health data: read, not dropped as unknown."""
    header, cells = SETTLED
    r = row(header, cells.format(data=cell))
    assert kind in data_kinds(r)
    alone = row(header, cells.format(data="Voir fiche"))
    assert data_kinds(alone) == []


# --- domains suggested by the name and purpose (never read as facts) --------------------------------


@pytest.mark.parametrize(
    ("text", "hints"),
    [
        ("Vidéoprotection", [("video_protection", ("Vidéoprotection",))]),
        ("Cantine scolaire", [("school_services", ("Cantine", "scolaire"))]),
        ("Gestion du personnel", [("hr_management", ("Gestion du personnel",))]),
        ("Fichier des ayants droit CCAS", [("social_aid", ("CCAS", "ayants droit")), ("social_support", ("CCAS",))]),
        ("Caméras-piétons de la police municipale", [("municipal_police", ("police municipale",)), ("video_protection", ("Caméras",))]),
        ("Inscriptions au périscolaire et aux accueils périscolaires", [("school_services", ("périscolaire",))]),
        ("Traitement n° 12", []),
        ("Autre", []),
    ],
)  # fmt: skip
def test_names_suggest_their_domains_with_the_words_that_say_so(
    text: str, hints: list[tuple[str, tuple[str, ...]]]
) -> None:
    """A processing's name often says its domain, which the CNIL model has no column for: the suggestion
    names each domain once, with the words as the register writes them (each wording once)."""
    from aipd.registers import domain_hints

    assert [(h.domain.value, h.words) for h in domain_hints([text])] == hints


def test_a_domain_already_given_is_not_suggested() -> None:
    """The domains the register gives are facts: only the others are suggested."""
    from aipd.registers import domain_hints
    from aipd.vocabulary import Domain

    found = domain_hints(["Vidéoprotection de la police municipale"], given=[Domain.VIDEO_PROTECTION])
    assert [h.domain for h in found] == [Domain.MUNICIPAL_POLICE]


def test_suggestions_read_a_bounded_text() -> None:
    """Bounded work per row: a name or purpose is read up to its first 500 characters."""
    from aipd.registers import domain_hints

    assert domain_hints(["x " * 250 + "Vidéoprotection"]) == ()
    assert domain_hints(["x " * 240 + "Vidéoprotection"])


def _domain_wordings() -> list[str]:
    from aipd.registers import _DOMAIN_HINT_WORDS, _DOMAIN_WORDS
    from aipd.vocabulary import Domain

    return sorted({w for w, _ in (*_DOMAIN_WORDS, *_DOMAIN_HINT_WORDS)} | {d.fr for d in Domain})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_domain_wordings()) | texts(12), max_size=5).map(" ".join))
def test_suggestions_cover_what_the_domain_column_reads(text: str) -> None:
    """The suggestions reuse the domain column's wordings and its matching rule: whatever a text, every
    domain the « Domaine » column would read in it (but « Autre ») is suggested, and each word quoted is in the text as
    written (or is the wording itself, when it matched only once rewritten)."""
    from aipd.registers import _domains, _hint_matches, _hint_words, domain_hints, normalise_header
    from aipd.vocabulary import Domain

    # The index reads what a scan of every wording would (the domain column's rule, _words_in).
    key = normalise_header(text)
    scan = [(w, d) for w, d in _hint_words() if f" {w} " in f" {key} " or (len(w) > 3 and key.startswith(w))]
    assert _hint_matches(normalise_header(text)) == scan
    hints = domain_hints([text])
    assert set(_domains(text)) - {Domain.OTHER} <= {h.domain for h in hints}
    phrases = {phrase for phrase, _ in _hint_words()}
    for h in hints:
        assert h.words
        assert all(w in text or w in phrases for w in h.words)


def staff_without_domains(name: str) -> RegisterRow:
    """The :func:`staff` row without its « Domaines » column (the CNIL model has none), named ``name``."""
    header, cells = SETTLED
    header = header.replace("Domaines;", "") + ";controller.agents"
    cells = cells.format(data="Identité").replace("Urbanisme;", "").replace("Absences", name, 1) + ";120"
    return row(header, cells)


def test_a_domain_suggested_by_the_name_opens_no_exemption() -> None:
    """« Gestion du personnel » as the name suggests staff management, with its words, for the DPO to
    write in the register; the screening does not read it: the exemption the same row gets with the
    domain written (délibération 2019-118, item 1) is never granted on a guess."""
    from aipd.vocabulary import Domain

    assert triage_outcome(staff("Gestion du personnel")) is TriageOutcome.EXEMPT
    (result,) = triage([staff_without_domains("Gestion du personnel")])
    assert result.outcome is TriageOutcome.INCOMPLETE
    assert "cnil-2019-118:1" not in result.list_items
    assert "domains" in result.missing_facts
    assert [(h.domain, h.words) for h in result.domain_hints] == [
        (Domain.HR_MANAGEMENT, ("Gestion du personnel",))
    ]
    (neutral,) = triage([staff_without_domains("Traitement 12")])
    assert neutral.domain_hints == ()
    assert attrs.evolve(result, name=neutral.name, domain_hints=()) == neutral
