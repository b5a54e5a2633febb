"""What the demo tree holds, taken from the programme's brochure (seed/000_b351ba7407d6cc89.txt).

Texts are written in French, as the public site is; nothing here is invented beyond plain
framing sentences, and what the brochure does not say (event dates and places) is marked
as indicative on the page itself.
"""

import datetime
import json
from pathlib import Path
from zoneinfo import ZoneInfo

COMMUNES_FILE = Path(__file__).with_name("communes.json")
PARIS = ZoneInfo("Europe/Paris")

SITE_NAME = "Aux actes citoyens"
# The address `make run` serves and WAGTAILADMIN_BASE_URL points at.
SITE_HOSTNAME = "127.0.0.1"
SITE_PORT = 8000

HOME = {
    "title": "Aux actes citoyens",
    "slug": "accueil",
    "intro": (
        "Aux actes citoyens est une démarche de participation à l'échelle du Nord "
        "Franche-Comté : des actions de concertation auprès de publics très différents et une "
        "plateforme collaborative pour faire émerger, sur chacun des cinq territoires, des "
        "révoltes, des rêves, puis des initiatives citoyennes."
    ),
}

PHASES = [
    {
        "name": "Labourage",
        "period": "2021",
        "summary": (
            "Diagnostic : collecte des révoltes et des rêves sur les cinq territoires, en allant "
            "vers un maximum de personnes les plus diverses possible et en s'appuyant sur les "
            "acteurs en place, lors d'événements de concertation et en ligne."
        ),
        "deliverables": [
            "Une cartographie « révolutionnaire » dynamique des révoltes et des rêves de chaque "
            "territoire"
        ],
    },
    {
        "name": "Événements",
        "period": "2022",
        "summary": (
            "Cinq événements, un par territoire, pour capitaliser les besoins et co-construire "
            "les thématiques : les révoltes et les rêves deviennent des enjeux. Un grand "
            "événement fait ensuite émerger des solutions sous forme d'initiatives nouvelles."
        ),
        "deliverables": ["Un « planisphère des solutions » en ligne"],
    },
    {
        "name": "Accompagnement",
        "period": "2022",
        "summary": (
            "Un accompagnement des projets renforcé, selon leur degré de maturité, leur "
            "finalité économique et leur mode d'organisation : acteurs de l'accompagnement et "
            "Générateur BFC, reprise d'activités par des acteurs économiques existants, Bourse "
            "aux initiatives dédiée à l'ESS."
        ),
        "deliverables": [
            "Une cartographie des accompagnements possibles",
            "Une plateforme collaborative dédiée aux initiatives citoyennes",
            "Une « Bourse aux initiatives »",
        ],
    },
]

OBJECTIVES = [
    "Accompagner et amplifier les politiques publiques mises en œuvre sur le Nord Franche-Comté.",
    "Mobiliser des publics très différents autour du futur du territoire.",
    "Développer le sentiment d'appartenance au même lieu au-delà des différences.",
    "Développer les coopérations des acteurs de sphères différentes avec des citoyens sur "
    "l'avenir du territoire et pour plus de solidarité.",
    "Mettre le territoire en mouvement et développer le pouvoir d'agir.",
    "Créer de l'activité non délocalisable.",
]

TERRITORY_INDEX = {
    "title": "Territoires",
    "slug": "territoires",
    "intro": (
        "La démarche couvre les cinq intercommunalités (EPCI) du Nord Franche-Comté : deux "
        "communautés d'agglomération et trois communautés de communes. Sur chacune, les "
        "révoltes et les rêves des habitants sont collectés puis transformés en enjeux."
    ),
}

# Seat town-centre points (WGS84) supplied with the project brief: the npm package that gives
# the member communes carries no coordinates and no EPCI seat. Vosges du Sud has no seat in
# that data, so it gets neither seat nor point rather than a guess.
TERRITORIES = [
    {
        "slug": "grand-belfort",
        "title": "Grand Belfort",
        "kind": "CA",
        "siren": "200069052",
        "seat": "Belfort",
        "point": (47.6397, 6.8638),
        "intro": (
            "Le Grand Belfort est une communauté d'agglomération de 52 communes ; son siège "
            "est à Belfort."
        ),
    },
    {
        "slug": "pays-de-montbeliard-agglomeration",
        "title": "Pays de Montbéliard Agglomération",
        "kind": "CA",
        "siren": "200065647",
        "seat": "Montbéliard",
        "point": (47.5097, 6.7986),
        "intro": (
            "Pays de Montbéliard Agglomération est une communauté d'agglomération de "
            "73 communes ; son siège est à Montbéliard."
        ),
    },
    {
        "slug": "pays-d-hericourt",
        "title": "Communauté de communes du Pays d'Héricourt",
        "kind": "CC",
        "siren": "247000722",
        "seat": "Héricourt",
        "point": (47.5775, 6.7617),
        "intro": (
            "La communauté de communes du Pays d'Héricourt réunit 23 communes ; son siège "
            "est à Héricourt."
        ),
    },
    {
        "slug": "sud-territoire",
        "title": "Communauté de communes du Sud Territoire",
        "kind": "CC",
        "siren": "249000241",
        "seat": "Delle",
        "point": (47.5075, 6.9994),
        "intro": (
            "La communauté de communes du Sud Territoire réunit 27 communes ; son siège est "
            "à Delle."
        ),
    },
    {
        "slug": "vosges-du-sud",
        "title": "Communauté de communes des Vosges du Sud",
        "kind": "CC",
        "siren": "200069060",
        "seat": "",
        "point": None,
        "intro": "La communauté de communes des Vosges du Sud réunit 22 communes.",
    },
]

TERRITORY_BODY = (
    "<p>Comme sur chacun des cinq territoires, la démarche y suit trois temps : la collecte "
    "des révoltes et des rêves des habitants, un événement de capitalisation des enjeux, puis "
    "l'accompagnement des initiatives qui en naissent.</p>"
)

ENJEU_INDEX = {
    "title": "Enjeux",
    "slug": "enjeux",
    "intro": (
        "Les enjeux naissent des révoltes et des rêves des habitants, lors des événements de "
        "capitalisation organisés sur chaque territoire. Voici les premiers enjeux révélés."
    ),
}

# Colours are dark enough for white text on them (contrast ratio of at least 4.5:1).
ENJEUX = [
    {
        "slug": "agriculture-de-demain",
        "title": "Agriculture de demain",
        "colour": "#2e6b30",
        "short_description": (
            "Comment produire et se nourrir sur le territoire, aujourd'hui et pour les "
            "générations à venir."
        ),
    },
    {
        "slug": "solidarite",
        "title": "Solidarité",
        "colour": "#a3285f",
        "short_description": (
            "Comment s'entraider et ne laisser personne de côté, entre voisins, générations "
            "et quartiers."
        ),
    },
    {
        "slug": "emploi-de-demain",
        "title": "Emploi de demain",
        "colour": "#1f5f8b",
        "short_description": (
            "Quelles activités et quels emplois faire vivre sur le territoire, et comment y "
            "accéder."
        ),
    },
    {
        "slug": "energie",
        "title": "Énergie",
        "colour": "#8a4f00",
        "short_description": (
            "Comment produire, partager et économiser l'énergie dont le territoire a besoin."
        ),
    },
    {
        "slug": "mobilite",
        "title": "Mobilité",
        "colour": "#00657a",
        "short_description": (
            "Comment se déplacer au quotidien, entre communes et vers les services, avec ou "
            "sans voiture."
        ),
    },
    {
        "slug": "bien-vieillir",
        "title": "Bien vieillir",
        "colour": "#6b4c9a",
        "short_description": (
            "Comment vieillir sur le territoire en restant entouré, en bonne santé et en lien "
            "avec les autres."
        ),
    },
    {
        "slug": "education",
        "title": "Éducation",
        "colour": "#a23b1f",
        "short_description": (
            "Comment apprendre et transmettre, à l'école et tout au long de la vie."
        ),
    },
    {
        "slug": "lieux-d-avenir",
        "title": "Lieux d'avenir",
        "colour": "#4d5d1a",
        "short_description": (
            "Quels lieux ouvrir ou réinventer pour se retrouver, créer et agir ensemble."
        ),
    },
    {
        "slug": "sante-d-avenir",
        "title": "Santé d'avenir",
        "colour": "#b3261e",
        "short_description": (
            "Comment accéder aux soins et prendre soin de sa santé près de chez soi."
        ),
    },
    {
        "slug": "egalite-des-chances",
        "title": "Égalité des chances",
        "colour": "#37474f",
        "short_description": (
            "Comment offrir à chacun les mêmes possibilités, quels que soient son quartier, "
            "son origine ou sa situation."
        ),
    },
    {
        "slug": "economie-circulaire",
        "title": "Économie circulaire",
        "colour": "#1b6e5a",
        "short_description": (
            "Comment réparer, réemployer et recycler pour produire moins de déchets et créer "
            "de l'activité sur place."
        ),
    },
]

ENJEU_BODY = (
    "<p>« {title} » figure parmi les exemples d'enjeux révélés par les révoltes et les rêves "
    "des habitants du Nord Franche-Comté. Les contributions, les discussions et les "
    "initiatives qui s'y rattachent sont réunies ici.</p>"
)

EVENT_INDEX = {
    "title": "Événements",
    "slug": "evenements",
    "intro": (
        "Cinq événements de capitalisation des enjeux, un par territoire, puis un grand "
        "événement d'émergence des initiatives."
    ),
}

INDICATIVE = (
    "<p><strong>Date et lieu indicatifs</strong> : la démarche prévoit cet événement en 2022 "
    "sans en fixer la date ni le lieu ; ils seront précisés sur cette page.</p>"
)


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


# The brochure places these events in 2022 and gives no date or place: the dates below are
# placeholders spread over the year, and each page says so.
CAPITALISATION_DAYS = {
    "grand-belfort": datetime.date(2022, 3, 19),
    "pays-de-montbeliard-agglomeration": datetime.date(2022, 4, 2),
    "pays-d-hericourt": datetime.date(2022, 4, 23),
    "sud-territoire": datetime.date(2022, 5, 14),
    "vosges-du-sud": datetime.date(2022, 6, 4),
}
GRAND_EVENT_DAY = datetime.date(2022, 10, 8)


def events():
    """The 2022 events of the phasing: one capitalisation event per EPCI, then the big one."""
    specs = []
    for territory in TERRITORIES:
        day = CAPITALISATION_DAYS[territory["slug"]]
        specs.append(
            {
                "slug": f"capitalisation-{territory['slug']}",
                "title": f"Capitalisation des enjeux — {territory['title']}",
                "kind": "capitalisation",
                "start": _at(day, 9, 30),
                "end": _at(day, 12, 30),
                "place": f"Lieu à préciser ({territory['title']})",
                "territories": [territory["siren"]],
                "description": (
                    "<p>Événement de capitalisation des enjeux du territoire : les révoltes et "
                    "les rêves collectés sur le territoire y deviennent des enjeux, et les "
                    "thématiques sont co-construites avec les participants.</p>" + INDICATIVE
                ),
            }
        )
    specs.append(
        {
            "slug": "grand-evenement-emergence-des-initiatives",
            "title": "Grand événement d'émergence des initiatives",
            "kind": "grand_evenement",
            "start": _at(GRAND_EVENT_DAY, 9, 30),
            "end": _at(GRAND_EVENT_DAY, 17, 0),
            "place": "Lieu à préciser (Nord Franche-Comté)",
            "territories": [territory["siren"] for territory in TERRITORIES],
            "description": (
                "<p>Un grand événement pour co-construire ensemble les solutions sur chaque "
                "thématique et faire émerger des initiatives nouvelles, avec les habitants des "
                "cinq territoires.</p>" + INDICATIVE
            ),
        }
    )
    return specs


def communes_by_siren():
    """Member communes per EPCI SIREN, from the committed extract of the Etalab package."""
    data = json.loads(COMMUNES_FILE.read_text(encoding="utf-8"))
    return {siren: epci["communes"] for siren, epci in data["epci"].items()}
