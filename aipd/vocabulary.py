"""Controlled vocabularies of the model, each value with a French and English label.

Values are stable English snake_case strings (they appear in YAML files and in
the public API); labels are what a DPO reads. Adding a value is compatible;
renaming or removing one is a breaking change recorded in the changelog.
"""

from __future__ import annotations

import enum
import functools
from typing import Any, Self

from aipd.i18n import Lang


class Vocabulary(enum.StrEnum):
    """A closed list of values with French and English labels."""

    fr: str
    en: str

    def __new__(cls, value: str, fr: str = "", en: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.fr = fr or value
        obj.en = en or value
        return obj

    def label(self, lang: Lang = "fr") -> str:
        """The label a reader sees."""
        return self.fr if lang == "fr" else self.en

    @classmethod
    def _missing_(cls, value: Any) -> None:
        return None


class Status(Vocabulary):
    DRAFT = "draft", "Brouillon", "Draft"
    VALIDATED = "validated", "Validé", "Validated"


class OrganisationKind(Vocabulary):
    COMMUNE = "commune", "Commune", "Municipality"
    EPCI = "epci", "EPCI (intercommunalité)", "Inter-municipal body (EPCI)"
    DEPARTEMENT = "departement", "Département", "Département"
    REGION = "region", "Région", "Region"
    CCAS = "ccas", "CCAS / CIAS", "Municipal social action centre (CCAS/CIAS)"
    SYNDICAT = "syndicat", "Syndicat mixte ou intercommunal", "Joint syndicate"
    LOCAL_PUBLIC_ESTABLISHMENT = (
        "local_public_establishment",
        "Établissement public local",
        "Local public establishment",
    )
    STATE = "state", "État (service de l'État)", "State service"
    PRIVATE_PUBLIC_SERVICE = (
        "private_public_service",
        "Organisme privé chargé d'un service public",
        "Private body providing a public service",
    )
    OTHER = "other", "Autre", "Other"

    @property
    def is_public_law_body(self) -> bool:
        """Bodies governed by public law (AI Act art. 27(1); délibération 2019-118 item 10)."""
        return self not in (OrganisationKind.PRIVATE_PUBLIC_SERVICE, OrganisationKind.OTHER)

    @property
    def is_collectivite(self) -> bool:
        """Collectivités territoriales and their groupings and local bodies."""
        return self not in (
            OrganisationKind.STATE,
            OrganisationKind.PRIVATE_PUBLIC_SERVICE,
            OrganisationKind.OTHER,
        )


class LegalBasis(Vocabulary):
    """GDPR art. 6(1)."""

    CONSENT = "consent", "Consentement (art. 6.1.a)", "Consent (art. 6(1)(a))"
    CONTRACT = "contract", "Exécution d'un contrat (art. 6.1.b)", "Contract (art. 6(1)(b))"
    LEGAL_OBLIGATION = (
        "legal_obligation",
        "Obligation légale (art. 6.1.c)",
        "Legal obligation (art. 6(1)(c))",
    )
    VITAL_INTERESTS = (
        "vital_interests",
        "Sauvegarde des intérêts vitaux (art. 6.1.d)",
        "Vital interests (art. 6(1)(d))",
    )
    PUBLIC_TASK = (
        "public_task",
        "Mission d'intérêt public ou exercice de l'autorité publique (art. 6.1.e)",
        "Public task or official authority (art. 6(1)(e))",
    )
    LEGITIMATE_INTERESTS = (
        "legitimate_interests",
        "Intérêts légitimes (art. 6.1.f)",
        "Legitimate interests (art. 6(1)(f))",
    )


class Article9Exception(Vocabulary):
    """GDPR art. 9(2)(a)–(j)."""

    EXPLICIT_CONSENT = (
        "explicit_consent",
        "Consentement explicite (art. 9.2.a)",
        "Explicit consent (art. 9(2)(a))",
    )
    EMPLOYMENT_SOCIAL_LAW = (
        "employment_social_law",
        "Droit du travail, de la sécurité sociale et de la protection sociale (art. 9.2.b)",
        "Employment and social protection law (art. 9(2)(b))",
    )
    VITAL_INTERESTS = "vital_interests", "Intérêts vitaux (art. 9.2.c)", "Vital interests (art. 9(2)(c))"
    NON_PROFIT = "non_profit", "Organisme à but non lucratif (art. 9.2.d)", "Non-profit body (art. 9(2)(d))"
    MADE_PUBLIC = (
        "made_public",
        "Données manifestement rendues publiques (art. 9.2.e)",
        "Manifestly made public (art. 9(2)(e))",
    )
    LEGAL_CLAIMS = "legal_claims", "Droits en justice (art. 9.2.f)", "Legal claims (art. 9(2)(f))"
    SUBSTANTIAL_PUBLIC_INTEREST = (
        "substantial_public_interest",
        "Intérêt public important (art. 9.2.g)",
        "Substantial public interest (art. 9(2)(g))",
    )
    HEALTH_SOCIAL_CARE = (
        "health_social_care",
        "Médecine, prise en charge sanitaire ou sociale (art. 9.2.h)",
        "Health or social care (art. 9(2)(h))",
    )
    PUBLIC_HEALTH = "public_health", "Santé publique (art. 9.2.i)", "Public health (art. 9(2)(i))"
    ARCHIVING_RESEARCH = (
        "archiving_research",
        "Archives, recherche ou statistiques (art. 9.2.j)",
        "Archiving, research or statistics (art. 9(2)(j))",
    )


class DataKind(Vocabulary):
    """Categories of personal data, after the CNIL register model and GDPR arts. 9–10."""

    IDENTITY = "identity", "État civil, identité, données d'identification", "Identity"
    PERSONAL_LIFE = "personal_life", "Vie personnelle", "Personal life"
    PROFESSIONAL_LIFE = "professional_life", "Vie professionnelle", "Professional life"
    FINANCIAL = "financial", "Informations d'ordre économique et financier", "Economic and financial data"
    CONNECTION = "connection", "Données de connexion", "Connection data"
    LOCATION = "location", "Données de localisation", "Location data"
    INTERNET = "internet", "Données internet (cookies, traceurs)", "Internet data (cookies, trackers)"
    COMMUNICATIONS = (
        "communications",
        "Contenu de communications électroniques",
        "Content of electronic communications",
    )
    IMAGE = "image", "Image (photographie, vidéo)", "Image (photograph, video)"
    VOICE = "voice", "Voix", "Voice"
    SOCIAL_SITUATION = (
        "social_situation",
        "Situation sociale (difficultés sociales, aides, précarité)",
        "Social situation (social difficulties, benefits, hardship)",
    )
    CONSUMPTION = "consumption", "Données de consommation (énergie, eau)", "Consumption data (energy, water)"
    NIR = "nir", "Numéro d'inscription au répertoire (NIR)", "Social security number (NIR)"
    OFFENCES = (
        "offences",
        "Infractions, condamnations, mesures de sûreté (art. 10)",
        "Criminal convictions and offences (art. 10)",
    )
    # Special categories, GDPR art. 9(1).
    HEALTH = "health", "Données de santé (art. 9)", "Health data (art. 9)"
    GENETIC = "genetic", "Données génétiques (art. 9)", "Genetic data (art. 9)"
    BIOMETRIC = (
        "biometric",
        "Données biométriques aux fins d'identifier une personne de manière unique (art. 9)",
        "Biometric data for unique identification (art. 9)",
    )
    RACIAL_ETHNIC_ORIGIN = (
        "racial_ethnic_origin",
        "Origine raciale ou ethnique (art. 9)",
        "Racial or ethnic origin (art. 9)",
    )
    POLITICAL_OPINIONS = "political_opinions", "Opinions politiques (art. 9)", "Political opinions (art. 9)"
    RELIGIOUS_BELIEFS = (
        "religious_beliefs",
        "Convictions religieuses ou philosophiques (art. 9)",
        "Religious or philosophical beliefs (art. 9)",
    )
    TRADE_UNION = "trade_union", "Appartenance syndicale (art. 9)", "Trade union membership (art. 9)"
    SEX_LIFE_ORIENTATION = (
        "sex_life_orientation",
        "Vie sexuelle ou orientation sexuelle (art. 9)",
        "Sex life or sexual orientation (art. 9)",
    )
    OTHER_HIGHLY_PERSONAL = (
        "other_highly_personal",
        "Autres données à caractère hautement personnel",
        "Other data of a highly personal nature",
    )
    OTHER = "other", "Autres données courantes", "Other ordinary data"

    @property
    def is_special_category(self) -> bool:
        """GDPR art. 9(1)."""
        return self in _SPECIAL

    @property
    def is_highly_personal(self) -> bool:
        """Data WP248 III.B.a criterion 4 treats as highly personal beyond arts. 9–10."""
        return self in _HIGHLY_PERSONAL


_SPECIAL = frozenset(
    {
        DataKind.HEALTH,
        DataKind.GENETIC,
        DataKind.BIOMETRIC,
        DataKind.RACIAL_ETHNIC_ORIGIN,
        DataKind.POLITICAL_OPINIONS,
        DataKind.RELIGIOUS_BELIEFS,
        DataKind.TRADE_UNION,
        DataKind.SEX_LIFE_ORIENTATION,
    }
)
_HIGHLY_PERSONAL = frozenset(
    {
        DataKind.LOCATION,
        DataKind.FINANCIAL,
        DataKind.COMMUNICATIONS,
        DataKind.SOCIAL_SITUATION,
        DataKind.NIR,
        DataKind.OTHER_HIGHLY_PERSONAL,
    }
)


class DataSource(Vocabulary):
    DATA_SUBJECT = "data_subject", "La personne concernée", "The data subject"
    AGENTS = "agents", "Saisie par les agents", "Entered by agents"
    OTHER_CONTROLLER = "other_controller", "Un autre responsable de traitement", "Another controller"
    PUBLIC_SOURCE = "public_source", "Sources publiquement accessibles", "Publicly available sources"
    SENSORS = "sensors", "Capteurs (caméras, compteurs, objets connectés)", "Sensors (cameras, meters, IoT)"
    GENERATED = "generated", "Produites par le traitement (calcul, inférence)", "Generated by the processing"


class FinalFate(Vocabulary):
    DELETION = "deletion", "Suppression", "Deletion"
    ANONYMISATION = "anonymisation", "Anonymisation", "Anonymisation"
    ARCHIVES = "archives", "Versement aux archives définitives", "Transfer to permanent archives"


class SubjectKind(Vocabulary):
    RESIDENTS = "residents", "Habitants, administrés", "Residents"
    USERS = "users", "Usagers d'un service public", "Public service users"
    GENERAL_PUBLIC = "general_public", "Public, passants", "General public, passers-by"
    CHILDREN = "children", "Enfants (mineurs)", "Children (minors)"
    PARENTS = "parents", "Parents, représentants légaux", "Parents, legal guardians"
    AGENTS = "agents", "Agents, salariés", "Staff, employees"
    CANDIDATES = "candidates", "Candidats à un emploi", "Job applicants"
    ELECTED = "elected", "Élus", "Elected officials"
    BENEFICIARIES = "beneficiaries", "Bénéficiaires d'aides sociales", "Social aid recipients"
    PATIENTS = "patients", "Patients, résidents d'établissements médico-sociaux", "Patients, care residents"
    ELDERLY = "elderly", "Personnes âgées", "Elderly persons"
    ASYLUM_SEEKERS = "asylum_seekers", "Demandeurs d'asile", "Asylum seekers"
    PROTECTED_ADULTS = "protected_adults", "Majeurs protégés", "Protected adults"
    SUPPLIERS = "suppliers", "Fournisseurs, prestataires", "Suppliers, contractors"
    OTHER = "other", "Autres", "Other"


class Vulnerability(Vocabulary):
    """Why a category of persons is vulnerable (WP248 III.B.a criterion 7, recital 75)."""

    CHILD = "child", "Enfants", "Children"
    EMPLOYEE = "employee", "Agents ou salariés (lien de subordination)", "Employees (subordination)"
    PATIENT = "patient", "Patients", "Patients"
    ELDERLY = "elderly", "Personnes âgées", "Elderly persons"
    PRECARITY = "precarity", "Personnes en situation de précarité", "Persons in hardship"
    ASYLUM_SEEKER = "asylum_seeker", "Demandeurs d'asile", "Asylum seekers"
    PROTECTED_ADULT = "protected_adult", "Majeurs protégés", "Protected adults"
    DISABILITY = "disability", "Personnes en situation de handicap", "Persons with disabilities"
    MENTAL_ILLNESS = "mental_illness", "Personnes atteintes de troubles psychiques", "Mentally ill persons"
    POWER_IMBALANCE = (
        "power_imbalance",
        "Déséquilibre des rapports avec le responsable de traitement",
        "Power imbalance with the controller",
    )


class Frequency(Vocabulary):
    ONE_OFF = "one_off", "Ponctuelle", "One-off"
    PERIODIC = "periodic", "Périodique", "Periodic"
    CONTINUOUS = "continuous", "Continue, permanente", "Continuous, permanent"


class GeographicExtent(Vocabulary):
    SITE = "site", "Un site ou un équipement", "A single site or facility"
    DISTRICT = "district", "Un quartier", "A district"
    MUNICIPALITY = "municipality", "Le territoire d'une commune", "A municipality"
    INTERMUNICIPAL = "intermunicipal", "Plusieurs communes", "Several municipalities"
    DEPARTMENT = "department", "Un département", "A département"
    REGION = "region", "Une région", "A region"
    NATIONAL = "national", "National", "National"
    INTERNATIONAL = "international", "International", "International"


class RecipientKind(Vocabulary):
    INTERNAL = "internal", "Service interne", "Internal department"
    PROCESSOR = "processor", "Sous-traitant", "Processor"
    PUBLIC_BODY = "public_body", "Autre organisme public", "Other public body"
    AUTHORISED_THIRD_PARTY = "authorised_third_party", "Tiers autorisé", "Authorised third party"
    PRIVATE_PARTNER = "private_partner", "Partenaire privé", "Private partner"
    PUBLIC = "public", "Public (publication)", "The public (publication)"


class Safeguard(Vocabulary):
    """GDPR Chapter V."""

    ADEQUACY = "adequacy", "Décision d'adéquation (art. 45)", "Adequacy decision (art. 45)"
    SCC = "scc", "Clauses contractuelles types (art. 46)", "Standard contractual clauses (art. 46)"
    BCR = "bcr", "Règles d'entreprise contraignantes (art. 47)", "Binding corporate rules (art. 47)"
    DEROGATION = "derogation", "Dérogation (art. 49)", "Derogation (art. 49)"
    NONE = "none", "Aucune garantie", "No safeguard"


class AssetKind(Vocabulary):
    HARDWARE = "hardware", "Matériels", "Hardware"
    SOFTWARE = "software", "Logiciels", "Software"
    NETWORK = "network", "Réseaux", "Networks"
    PAPER = "paper", "Supports papier", "Paper"
    PEOPLE = "people", "Personnes", "People"
    PREMISES = "premises", "Locaux", "Premises"


class Hosting(Vocabulary):
    ON_PREMISES = "on_premises", "Hébergement interne", "On premises"
    SHARED_PUBLIC = (
        "shared_public",
        "Hébergement mutualisé public (syndicat informatique, centre de gestion)",
        "Shared public hosting",
    )
    PROVIDER_EU = "provider_eu", "Prestataire dans l'UE", "Provider in the EU"
    PROVIDER_NON_EU = (
        "provider_non_eu",
        "Prestataire hors UE ou soumis à un droit extra-européen",
        "Provider outside the EU or under non-EU law",
    )
    SECNUMCLOUD = "secnumcloud", "Cloud qualifié SecNumCloud", "SecNumCloud-qualified cloud"
    HDS = "hds", "Hébergeur de données de santé certifié (HDS)", "Certified health data host (HDS)"


class MeasureFamily(Vocabulary):
    """Families of the CNIL method (PIA, section 3.1)."""

    DATA = "data", "Mesures portant sur les données", "Measures on the data"
    SECURITY = "security", "Mesures de sécurité générales", "General security measures"
    ORGANISATIONAL = "organisational", "Mesures organisationnelles", "Organisational measures"
    RIGHTS = (
        "rights",
        "Mesures protectrices des droits des personnes",
        "Measures protecting data subjects' rights",
    )


class MeasureStatus(Vocabulary):
    IMPLEMENTED = "implemented", "En place", "Implemented"
    PLANNED = "planned", "Prévue", "Planned"
    CONSIDERED = "considered", "Envisagée", "Under consideration"


class DecisionEffect(Vocabulary):
    """GDPR art. 22(1) and 35(3)(a)."""

    NONE = "none", "Aucun effet notable", "No notable effect"
    LEGAL = "legal", "Effet juridique", "Legal effect"
    SIMILARLY_SIGNIFICANT = (
        "similarly_significant",
        "Effet l'affectant de manière significative de façon similaire",
        "Similarly significant effect",
    )


class HumanInvolvement(Vocabulary):
    NONE = "none", "Décision entièrement automatisée", "Solely automated decision"
    REVIEW = "review", "Revue humaine de chaque décision", "Human review of each decision"
    AID = "aid", "Aide à la décision d'un agent", "Decision support for an agent"


class EvaluationAspect(Vocabulary):
    """Aspects of recital 71 and WP248 III.B.a criterion 1."""

    PERFORMANCE_AT_WORK = "performance_at_work", "Rendement au travail", "Performance at work"
    ECONOMIC_SITUATION = "economic_situation", "Situation économique", "Economic situation"
    HEALTH = "health", "Santé", "Health"
    PREFERENCES = "preferences", "Préférences ou centres d'intérêt", "Personal preferences or interests"
    RELIABILITY = "reliability", "Fiabilité", "Reliability"
    BEHAVIOUR = "behaviour", "Comportement", "Behaviour"
    LOCATION = "location", "Localisation ou déplacements", "Location or movements"


class Domain(Vocabulary):
    """What the processing is for, in the words of the CNIL's lists of types of processing.

    The CNIL lists (délibérations 2018-327 and 2019-118) name types of processing by
    their field; these values let a rule recognise them.
    """

    HR_MANAGEMENT = "hr_management", "Gestion du personnel", "Staff management"
    RECRUITMENT = "recruitment", "Recrutement", "Recruitment"
    EMPLOYEE_MONITORING = (
        "employee_monitoring",
        "Contrôle de l'activité des agents",
        "Monitoring of staff activity",
    )
    ACCESS_CONTROL_WORKING_TIME = (
        "access_control_working_time",
        "Contrôle d'accès physique et horaires (temps de travail)",
        "Physical access control and working time",
    )
    HEALTH_CARE = "health_care", "Prise en charge sanitaire", "Health care"
    MEDICO_SOCIAL_CARE = (
        "medico_social_care",
        "Prise en charge médico-sociale (EHPAD, SSIAD, résidence autonomie)",
        "Medico-social care (care homes, home nursing)",
    )
    INDIVIDUAL_HEALTH_PROFESSIONAL = (
        "individual_health_professional",
        "Professionnel de santé exerçant à titre individuel",
        "Individual health professional",
    )
    INDIVIDUAL_LAWYER = (
        "individual_lawyer",
        "Avocat exerçant à titre individuel",
        "Lawyer practising individually",
    )
    COMMERCIAL_COURT_CLERK = (
        "commercial_court_clerk",
        "Greffe d'un tribunal de commerce",
        "Clerk of a commercial court",
    )
    NOTARY = "notary", "Activité notariale (office notarial)", "Notarial activity (notary's office)"
    HEALTH_DATA_WAREHOUSE = (
        "health_data_warehouse",
        "Entrepôt de données de santé ou registre",
        "Health data warehouse or registry",
    )
    SOCIAL_SUPPORT = (
        "social_support",
        "Accompagnement social ou médico-social",
        "Social or medico-social support",
    )
    SOCIAL_AID = "social_aid", "Instruction et versement d'aides sociales", "Social aid processing"
    SOCIAL_HOUSING = (
        "social_housing",
        "Instruction des demandes et gestion des logements sociaux",
        "Social housing applications and management",
    )
    SOCIAL_HEALTH_ALERTS = (
        "social_health_alerts",
        "Alertes et signalements en matière sociale et sanitaire",
        "Social and health alerts and reports",
    )
    PROFESSIONAL_ALERTS = (
        "professional_alerts",
        "Alertes professionnelles (lanceurs d'alerte)",
        "Whistleblowing",
    )
    CONTRACT_EXCLUSION = (
        "contract_exclusion",
        "Exclusion ou suspension du bénéfice d'un contrat",
        "Exclusion from or suspension of a contract",
    )
    POOLED_CONTRACT_BREACHES = (
        "pooled_contract_breaches",
        "Fichier mutualisé de manquements contractuels",
        "Pooled file of contractual breaches",
    )
    SCHOOL_SERVICES = (
        "school_services",
        "Affaires scolaires, périscolaires et petite enfance",
        "School, after-school and early-childhood services",
    )
    ELECTORAL_ROLL = "electoral_roll", "Fichier électoral de la commune", "Municipal electoral roll"
    SUPPLIER_RELATIONS = "supplier_relations", "Relation fournisseurs", "Supplier relations"
    WORKS_COUNCIL = "works_council", "Activités sociales du comité (CE, CSE, COS)", "Works council activities"
    MEMBERS_DONORS = "members_donors", "Gestion des membres et donateurs", "Members and donors"
    BREATHALYSER = "breathalyser", "Éthylotests (transport)", "Breathalyser tests (transport)"
    VIDEO_PROTECTION = "video_protection", "Vidéoprotection", "CCTV (vidéoprotection)"
    MUNICIPAL_POLICE = "municipal_police", "Police municipale", "Municipal police"
    PUBLIC_SAFETY_EVENTS = (
        "public_safety_events",
        "Sécurité de manifestations sportives, récréatives ou culturelles",
        "Security of sporting, recreational or cultural events",
    )
    TRAFFIC_MOBILITY = "traffic_mobility", "Circulation et mobilité", "Traffic and mobility"
    ENVIRONMENT_ENERGY = "environment_energy", "Eau, énergie, environnement", "Water, energy, environment"
    CITIZEN_INFORMATION = (
        "citizen_information",
        "Information et relation avec les usagers",
        "Information and relations with users",
    )
    CIVIL_STATUS = "civil_status", "État civil et citoyenneté", "Civil status and citizenship"
    TAXATION_BILLING = "taxation_billing", "Facturation, recettes, fiscalité", "Billing, revenue, taxation"
    URBAN_PLANNING = "urban_planning", "Urbanisme", "Urban planning"
    AGENT_ASSISTANCE = "agent_assistance", "Outils d'aide au travail des agents", "Tools assisting staff"
    FRAUD_DETECTION = "fraud_detection", "Lutte contre la fraude", "Fraud detection"
    STATISTICS = "statistics", "Statistiques, études", "Statistics, studies"
    OTHER = "other", "Autre", "Other"


class LegalRegime(Vocabulary):
    GDPR = "gdpr", "RGPD", "GDPR"
    POLICE_JUSTICE = (
        "police_justice",
        "Directive « police-justice » (titre III de la loi Informatique et Libertés)",
        "Law-enforcement directive (Title III of the loi Informatique et Libertés)",
    )


#: Fields of a collectivité's processing that fall under Title III of the loi Informatique et
#: Libertés when their purpose is criminal-law (police municipale, vidéoprotection for crime
#: prevention; the CNIL splits them by purpose: legal reference, C.2). With ``legal.regime``
#: not stated, the regime of such a processing is asked rather than assumed to be the GDPR.
TITLE_III_FIELDS = frozenset({Domain.MUNICIPAL_POLICE, Domain.VIDEO_PROTECTION})


class AITechnique(Vocabulary):
    RULES = "rules", "Règles déterministes écrites par des humains", "Human-written deterministic rules"
    STATISTICS = "statistics", "Statistiques classiques", "Classical statistics"
    MACHINE_LEARNING = "machine_learning", "Apprentissage automatique", "Machine learning"
    DEEP_LEARNING = "deep_learning", "Apprentissage profond", "Deep learning"
    GENERATIVE = "generative", "IA générative", "Generative AI"
    LOGIC_KNOWLEDGE = (
        "logic_knowledge",
        "Approches logiques et fondées sur les connaissances (inférence)",
        "Logic- and knowledge-based approaches (inference)",
    )


class AIRole(Vocabulary):
    """AI Act art. 3(3) and 3(4)."""

    PROVIDER = "provider", "Fournisseur", "Provider"
    DEPLOYER = "deployer", "Déployeur", "Deployer"
    BOTH = "both", "Fournisseur et déployeur", "Provider and deployer"


class AIOutput(Vocabulary):
    DECISION = "decision", "Décisions", "Decisions"
    RECOMMENDATION = "recommendation", "Recommandations", "Recommendations"
    SCORE = "score", "Scores ou classements de personnes", "Scores or rankings of persons"
    ALERT = "alert", "Signalements ou alertes", "Alerts"
    GENERATED_CONTENT = "generated_content", "Contenus générés (texte, image, son)", "Generated content"
    STATISTICS = "statistics", "Statistiques agrégées", "Aggregated statistics"
    PREDICTION = "prediction", "Prédictions", "Predictions"


class AIArea(Vocabulary):
    """Areas of use named by AI Act Annex III (and art. 5), for testing the classes."""

    REMOTE_BIOMETRIC_IDENTIFICATION = (
        "remote_biometric_identification",
        "Identification biométrique à distance (annexe III, 1 a)",
        "Remote biometric identification (Annex III 1(a))",
    )
    BIOMETRIC_CATEGORISATION = (
        "biometric_categorisation",
        "Catégorisation biométrique (annexe III, 1 b)",
        "Biometric categorisation (Annex III 1(b))",
    )
    EMOTION_RECOGNITION = (
        "emotion_recognition",
        "Reconnaissance des émotions (annexe III, 1 c)",
        "Emotion recognition (Annex III 1(c))",
    )
    CRITICAL_INFRASTRUCTURE = (
        "critical_infrastructure",
        "Composant de sécurité d'infrastructures critiques : trafic routier, eau, gaz, chauffage, électricité (annexe III, 2)",
        "Safety component of critical infrastructure: road traffic, water, gas, heating, electricity (Annex III 2)",
    )
    EDUCATION_ACCESS = (
        "education_access",
        "Accès, admission ou affectation scolaire (annexe III, 3 a)",
        "Education access or admission (Annex III 3(a))",
    )
    EDUCATION_EVALUATION = (
        "education_evaluation",
        "Évaluation des acquis (annexe III, 3 b)",
        "Evaluation of learning outcomes (Annex III 3(b))",
    )
    EDUCATION_LEVEL = (
        "education_level",
        "Orientation vers un niveau d'enseignement (annexe III, 3 c)",
        "Assessing the level of education (Annex III 3(c))",
    )
    EXAM_PROCTORING = (
        "exam_proctoring",
        "Surveillance des élèves pendant les examens (annexe III, 3 d)",
        "Monitoring students during tests (Annex III 3(d))",
    )
    RECRUITMENT = (
        "recruitment",
        "Recrutement ou sélection (annexe III, 4 a)",
        "Recruitment or selection (Annex III 4(a))",
    )
    WORKER_MANAGEMENT = (
        "worker_management",
        "Décisions sur la relation de travail, suivi et évaluation des agents (annexe III, 4 b)",
        "Work-relationship decisions, monitoring and evaluating workers (Annex III 4(b))",
    )
    PUBLIC_BENEFITS = (
        "public_benefits",
        "Éligibilité aux prestations et services d'aide publique, octroi, réduction, révocation, récupération (annexe III, 5 a)",
        "Eligibility for public assistance benefits and services; granting, reducing, revoking, reclaiming (Annex III 5(a))",
    )
    CREDITWORTHINESS = (
        "creditworthiness",
        "Solvabilité, note de crédit (annexe III, 5 b)",
        "Creditworthiness (Annex III 5(b))",
    )
    INSURANCE_PRICING = (
        "insurance_pricing",
        "Tarification d'assurance vie ou santé (annexe III, 5 c)",
        "Life or health insurance pricing (Annex III 5(c))",
    )
    EMERGENCY_CALLS = (
        "emergency_calls",
        "Tri des appels d'urgence, envoi des secours (annexe III, 5 d)",
        "Emergency call triage and dispatch (Annex III 5(d))",
    )
    LAW_ENFORCEMENT = (
        "law_enforcement",
        "Activités répressives (annexe III, 6)",
        "Law enforcement (Annex III 6)",
    )
    MIGRATION = (
        "migration",
        "Migration, asile, contrôle aux frontières (annexe III, 7)",
        "Migration, asylum, border control (Annex III 7)",
    )
    JUSTICE = (
        "justice",
        "Administration de la justice (annexe III, 8 a)",
        "Administration of justice (Annex III 8(a))",
    )
    ELECTIONS = (
        "elections",
        "Influence sur une élection ou un vote (annexe III, 8 b)",
        "Influencing elections or voting (Annex III 8(b))",
    )

    @property
    def annex_iii_point(self) -> str:
        """The Annex III point as ids write it (``"1-a"``, ``"2"``, ``"6"``): ``ai-act:annex-iii-<point>``."""
        return _ANNEX_III_POINTS[self]


_ANNEX_III_POINTS = {
    AIArea.REMOTE_BIOMETRIC_IDENTIFICATION: "1-a",
    AIArea.BIOMETRIC_CATEGORISATION: "1-b",
    AIArea.EMOTION_RECOGNITION: "1-c",
    AIArea.CRITICAL_INFRASTRUCTURE: "2",
    AIArea.EDUCATION_ACCESS: "3-a",
    AIArea.EDUCATION_EVALUATION: "3-b",
    AIArea.EDUCATION_LEVEL: "3-c",
    AIArea.EXAM_PROCTORING: "3-d",
    AIArea.RECRUITMENT: "4-a",
    AIArea.WORKER_MANAGEMENT: "4-b",
    AIArea.PUBLIC_BENEFITS: "5-a",
    AIArea.CREDITWORTHINESS: "5-b",
    AIArea.INSURANCE_PRICING: "5-c",
    AIArea.EMERGENCY_CALLS: "5-d",
    AIArea.LAW_ENFORCEMENT: "6",
    AIArea.MIGRATION: "7",
    AIArea.JUSTICE: "8-a",
    AIArea.ELECTIONS: "8-b",
}


class Art63Condition(Vocabulary):
    """AI Act art. 6(3)(a)–(d): why an Annex III system would not be high-risk."""

    NARROW_PROCEDURAL_TASK = (
        "narrow_procedural_task",
        "Tâche procédurale étroite (art. 6.3.a)",
        "Narrow procedural task (art. 6(3)(a))",
    )
    IMPROVES_HUMAN_RESULT = (
        "improves_human_result",
        "Amélioration du résultat d'une activité humaine déjà réalisée (art. 6.3.b)",
        "Improves the result of a completed human activity (art. 6(3)(b))",
    )
    DETECTS_PATTERNS = (
        "detects_patterns",
        "Détection de schémas décisionnels sans remplacer l'évaluation humaine (art. 6.3.c)",
        "Detects decision patterns without replacing human assessment (art. 6(3)(c))",
    )
    PREPARATORY_TASK = (
        "preparatory_task",
        "Tâche préparatoire (art. 6.3.d)",
        "Preparatory task (art. 6(3)(d))",
    )


class Level(Vocabulary):
    """The CNIL method's four-level scale, used for gravité and vraisemblance."""

    NEGLIGIBLE = "negligible", "Négligeable", "Negligible"
    LIMITED = "limited", "Limitée", "Limited"
    SIGNIFICANT = "significant", "Importante", "Significant"
    MAXIMUM = "maximum", "Maximale", "Maximum"

    @functools.cached_property
    def rank(self) -> int:
        """1 to 4, as on the CNIL's scale."""
        # Kept on the member once read (a risk analysis reads about 200 ranks): a plain attribute.
        return _LEVEL_RANK[self]

    @classmethod
    def from_rank(cls, rank: int) -> Level:
        return _LEVELS_BY_RANK[max(1, min(4, rank))]


_LEVEL_RANK = {Level.NEGLIGIBLE: 1, Level.LIMITED: 2, Level.SIGNIFICANT: 3, Level.MAXIMUM: 4}
_LEVELS_BY_RANK = {v: k for k, v in _LEVEL_RANK.items()}
for _level in Level:
    _level.rank  # noqa: B018  # read once here, so that no two threads race to store it


class DecisionOutcome(Vocabulary):
    """The controller's decision at the end of the AIPD (CNIL method, part 4)."""

    PENDING = "pending", "En attente", "Pending"
    ACCEPTED = "accepted", "Traitement validé", "Processing approved"
    ACCEPTED_WITH_ACTIONS = (
        "accepted_with_actions",
        "Traitement validé sous réserve du plan d'action",
        "Approved subject to the action plan",
    )
    REFUSED = "refused", "Traitement refusé", "Processing refused"
