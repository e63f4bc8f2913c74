"""The hooks of Acme Vision's plug-in: what aipd should know about an Acme LAPI camera.

Acme Vision (fictitious) sells "PlateSight", a camera that reads vehicle
number plates automatically (lecture automatisée de plaques d'immatriculation,
LAPI). A commune declares the camera among the supporting assets of its
operation, with ``provider: Acme Vision``; this plug-in then contributes:

- ``acme:lpr_camera``, a criterion that *counts as* WP248 criterion 3
  (systematic monitoring): the camera reads the plate of every vehicle in its
  field, and drivers cannot avoid it. It refines the built-in criterion and
  never adds a tenth one (``counts_as``);
- ``acme:plate_misreading``, a risk for the persons: a misread plate ties a
  vehicle, and so its keeper, to a place, a fine or a stop that is not theirs;
- ``acme:human_plate_check``, the measure Acme recommends against that risk.

Why a counted criterion and not a rule that makes a DPIA mandatory is
explained in the plug-in's README. Everything here is declarative: aipd runs
the tests, records that this plug-in (with its version) made the findings,
and decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from aipd import (
    Criterion,
    Effect,
    MeasureType,
    Outcome,
    ProcessingOperation,
    RiskType,
    Settings,
    Source,
    hookimpl,
)
from aipd.i18n import t
from aipd.vocabulary import MeasureFamily

VENDOR = "Acme Vision"

WP248_URL = "https://www.cnil.fr/sites/default/files/atoms/files/wp248_rev.01_fr.pdf"
GDPR_URL = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679"

#: WP248 rev.01, III.B.a criterion 3, and the Annex example of cameras that
#: "automatically recognize license plates" (listed under systematic monitoring
#: and innovative use). The Annex wording was not re-read in an official copy.
WP248_MONITORING = Source(
    citation=t(
        "Lignes directrices WP248 rév.01, III.B.a, critère 3 (surveillance systématique) ; "
        "annexe, exemple d'un système de caméras reconnaissant automatiquement les plaques d'immatriculation",
        "WP248 rev.01 guidelines, III.B.a, criterion 3 (systematic monitoring); "
        "Annex, example of a camera system automatically recognising licence plates",
    ),
    url=WP248_URL,
    reliability="recalled",
)

#: GDPR art. 5(1)(d), accuracy: personal data must be accurate and, where
#: necessary, kept up to date. Recalled, not re-read in an official copy here.
GDPR_ACCURACY = Source(
    citation=t(
        "RGPD, art. 5.1.d (exactitude des données)",
        "GDPR, art. 5(1)(d) (accuracy)",
    ),
    url=GDPR_URL,
    reliability="recalled",
)


#: What the provider's name loses before comparison: anything but letters and digits.
_NOT_ALNUM = re.compile(r"[\W_]+")


def _is_acme(provider: str | None) -> bool:
    """True for "Acme Vision" however it is written (case, spaces, hyphens)."""
    if provider is None:
        return False
    return _NOT_ALNUM.sub("", provider.casefold()) == "acmevision"


def acme_devices(operation: ProcessingOperation) -> tuple[str, ...]:
    """Names of the operation's supports (or AI system) provided by Acme Vision, sorted."""
    names = {a.name for a in operation.assets if _is_acme(a.provider)}
    if operation.ai_system is not None and _is_acme(operation.ai_system.provider):
        names.add(operation.ai_system.name)
    return tuple(sorted(names))


def lpr_camera_test(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Met when an Acme Vision device is declared; the facts read are quoted."""
    devices = acme_devices(operation)
    if not devices:
        return Outcome.not_met(
            t(
                "Aucun support ni système d'IA fourni par Acme Vision n'est déclaré "
                "(supports : champ « provider »).",
                "No supporting asset or AI system provided by Acme Vision is declared "
                "(assets: field 'provider').",
            )
        )
    listed = ", ".join(devices)
    return Outcome.met(
        t(
            f"Caméra LAPI Acme Vision déclarée ({listed}) : elle lit la plaque de chaque véhicule "
            "passant dans son champ, sans que les conducteurs puissent s'y soustraire ; c'est une "
            "surveillance systématique (WP248, critère 3).",
            f"Acme Vision LAPI camera declared ({listed}): it reads the plate of every vehicle in its "
            "field, and drivers cannot avoid it; this is systematic monitoring (WP248, criterion 3).",
        )
    )


def plate_misreading_applies(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """The misreading risk concerns every operation using an Acme Vision device."""
    devices = acme_devices(operation)
    if not devices:
        return Outcome.not_met(t("Aucun équipement Acme Vision déclaré.", "No Acme Vision device declared."))
    return Outcome.met(
        t(
            f"Lecture automatisée de plaques par {', '.join(devices)}.",
            f"Automated plate reading by {', '.join(devices)}.",
        )
    )


LPR_CAMERA = Criterion(
    id="acme:lpr_camera",
    title=t(
        "Lecture automatisée de plaques d'immatriculation (LAPI) par une caméra Acme Vision",
        "Automated number-plate reading (LAPI) by an Acme Vision camera",
    ),
    source=WP248_MONITORING,
    effect=Effect.COUNTS,
    counts_as="wp248:systematic_monitoring",
    test=lpr_camera_test,
    group="acme",
    description=t(
        "Une caméra LAPI observe de façon systématique tous les véhicules qui passent, donc "
        "leurs conducteurs et titulaires. Ce critère précise le critère 3 des lignes directrices "
        "WP248 et compte pour lui : il ne s'ajoute pas aux neuf critères.",
        "A LAPI camera systematically observes every passing vehicle, hence its driver and "
        "keeper. This criterion refines WP248 criterion 3 and counts as it: it does not add to "
        "the nine criteria.",
    ),
)

PLATE_MISREADING = RiskType(
    id="acme:plate_misreading",
    title=t(
        "Erreur de lecture d'une plaque d'immatriculation",
        "Misreading of a number plate",
    ),
    description=t(
        "La caméra lit mal un caractère (0 et O, 8 et B) ou une plaque sale, masquée ou "
        "usurpée : un véhicule, et donc son titulaire, est rattaché à tort à un lieu, une "
        "heure, un stationnement ou une infraction.",
        "The camera misreads a character (0 and O, 8 and B) or a dirty, hidden or cloned plate: "
        "a vehicle, hence its keeper, is wrongly tied to a place, a time, a parking event or an "
        "offence.",
    ),
    source=GDPR_ACCURACY,
    applies=plate_misreading_applies,
    impacts=(
        t(
            "Avis de paiement ou amende adressé à tort au titulaire d'une autre plaque",
            "Payment notice or fine sent by mistake to the keeper of another plate",
        ),
        t("Contrôle ou interpellation injustifiés", "Unjustified stop or check"),
        t(
            "Temps et démarches pour contester, sentiment d'être surveillé",
            "Time and effort to contest, feeling of being watched",
        ),
    ),
    threats=(
        t(
            "Confusion de caractères proches par l'algorithme de reconnaissance",
            "The recognition algorithm confuses similar characters",
        ),
        t(
            "Plaque sale, masquée ou doublée (usurpation de plaque)",
            "Dirty, hidden or cloned plate",
        ),
    ),
    risk_sources=(
        t("Défaut de l'algorithme de lecture", "Flaw in the reading algorithm"),
        t(
            "Conditions de prise de vue (nuit, pluie, angle, vitesse)",
            "Capture conditions (night, rain, angle, speed)",
        ),
        t("Tiers usurpant une plaque", "Third party using a cloned plate"),
    ),
    measures=("acme:human_plate_check",),
)

HUMAN_PLATE_CHECK = MeasureType(
    id="acme:human_plate_check",
    title=t(
        "Vérification humaine de la plaque sur l'image avant toute suite",
        "Human check of the plate on the image before any follow-up",
    ),
    family=MeasureFamily.ORGANISATIONAL,
    description=t(
        "Un agent habilité compare la lecture automatique à l'image avant tout avis, "
        "contrôle ou signalement ; les lectures d'un indice de confiance inférieur au seuil "
        "réglé dans la caméra ne donnent lieu à aucune suite automatique.",
        "An authorised officer compares the automated reading with the image before any "
        "notice, stop or report; readings below the confidence threshold set in the camera "
        "never trigger an automatic follow-up.",
    ),
    reduces=("acme:plate_misreading",),
    lowers="likelihood",
    source=GDPR_ACCURACY,
)


@hookimpl
def aipd_criteria() -> Iterable[Criterion]:
    return [LPR_CAMERA]


@hookimpl
def aipd_risks() -> Iterable[RiskType]:
    return [PLATE_MISREADING]


@hookimpl
def aipd_measures() -> Iterable[MeasureType]:
    return [HUMAN_PLATE_CHECK]
