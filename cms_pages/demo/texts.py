"""Bodies of the demo pages, as raw StreamField data for ``cms_pages.blocks.BodyBlock``."""

from .content import OBJECTIVES, PHASES

CONTACT_ADDRESS = "150 Avenue Jean Jaurès, 90000 Belfort"
CONTACT_EMAIL = "agir@lacooperativedescitoyens.fr"


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def bullet_list(items):
    return paragraph("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def quote(text, source=""):
    return {"type": "quote", "value": {"text": text, "source": source}}


def call_to_action(title, label, page, text=""):
    return {
        "type": "call_to_action",
        "value": {"title": title, "text": text, "page": page.pk, "url": "", "label": label},
    }


def home_body():
    return [
        heading("Objectifs"),
        bullet_list(OBJECTIVES),
        quote(OBJECTIVES[4], "Objectifs de la démarche"),
    ]


def le_projet(pages):
    """« Le projet »: objectives and the three phases, from the brochure."""
    labourage, evenements, accompagnement = PHASES
    return {
        "slug": "le-projet",
        "title": "Le projet",
        "show_in_menus": True,
        "intro": (
            "Une démarche à l'échelle du Nord Franche-Comté, des actions de concertation "
            "auprès de différents publics et une plateforme collaborative, en trois temps."
        ),
        "body": [
            heading("Objectifs"),
            bullet_list(OBJECTIVES),
            heading("Un processus en trois temps"),
            heading(f"Phase 1 : {labourage['name']} ({labourage['period']})", "h3"),
            paragraph(
                "<p>Faire émerger des révoltes et des rêves pour chaque territoire en se "
                "rapprochant d'un maximum de personnes, les plus diverses possible, et en "
                "s'appuyant sur les acteurs en place pour mobiliser et concerter les publics : "
                "des événements de concertation au sein de différentes structures et auprès de "
                "différents publics, et une démarche de concertation en ligne.</p>"
                "<p>Livrable : une cartographie « révolutionnaire » dynamique reprenant les "
                "révoltes et les rêves de chaque territoire (cinq EPCI) du Nord "
                "Franche-Comté.</p>"
            ),
            heading(f"Phase 2 : {evenements['name']} ({evenements['period']})", "h3"),
            paragraph(
                "<p>Transformer les révoltes et les rêves en enjeux pour les territoires, puis "
                "faire émerger des solutions sous forme d'initiatives nouvelles sur chaque "
                "territoire : cinq événements de capitalisation des enjeux (un par EPCI) et un "
                "grand événement d'émergence des initiatives.</p>"
                "<p>Livrable : un « planisphère des solutions » en ligne.</p>"
            ),
            call_to_action(
                "Les enjeux révélés",
                "Voir les enjeux",
                pages["enjeux"],
                "Agriculture de demain, solidarité, emploi de demain, énergie, mobilité…",
            ),
            heading(f"Phase 3 : {accompagnement['name']} ({accompagnement['period']})", "h3"),
            paragraph(
                "<p>Mettre en place et en synergie des solutions d'accompagnement des "
                "initiatives selon leur degré de maturité, leur finalité économique et leur "
                "mode d'organisation :</p>"
                "<ul><li>l'accompagnement des initiatives citoyennes par les acteurs de "
                "l'accompagnement et le Générateur BFC ;</li>"
                "<li>la reprise d'activités par des acteurs économiques existants ;</li>"
                "<li>une « Bourse aux initiatives » dédiée à l'ESS.</li></ul>"
                "<p>Livrables : une cartographie des accompagnements possibles, une plateforme "
                "collaborative dédiée aux initiatives citoyennes et une « Bourse aux "
                "initiatives ».</p>"
            ),
            call_to_action(
                "Les événements",
                "Voir les événements",
                pages["evenements"],
                "Cinq événements de capitalisation, puis un grand événement.",
            ),
        ],
    }


def cooperative(pages):
    """« La Coopérative des citoyens »: who carries the programme, and how to reach them."""
    return {
        "slug": "la-cooperative-des-citoyens",
        "title": "La Coopérative des citoyens",
        "show_in_menus": False,
        "intro": (
            "La démarche Aux actes citoyens est portée par la Coopérative des citoyens, un "
            "cabinet conseil spécialisé en éducation populaire."
        ),
        "body": [
            heading("Une démarche portée par la Coopérative des citoyens"),
            paragraph(
                "<p>Cabinet conseil spécialisé en éducation populaire, la Coopérative des "
                "citoyens intervient :</p>"
                "<ul><li>pour insuffler un état d'esprit solidaire et coopératif ;</li>"
                "<li>pour former citoyens et structures sur des méthodologies d'animation de "
                "territoire développant le pouvoir d'agir de tous.</li></ul>"
            ),
            heading("Contact"),
            paragraph(
                f"<p>La Coopérative des citoyens<br/>{CONTACT_ADDRESS}<br/>"
                f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a></p>'
            ),
            call_to_action("Le projet", "Découvrir le projet", pages["le-projet"]),
        ],
    }


def equipe_coeur(pages):
    """« L'équipe cœur »: the partner network and its four commitments."""
    return {
        "slug": "equipe-coeur",
        "title": "L'équipe cœur",
        "show_in_menus": False,
        "intro": (
            "La démarche est accompagnée par une équipe cœur : un réseau d'acteurs du "
            "territoire qui mobilisent leurs publics et animent les événements."
        ),
        "body": [
            heading("Un réseau d'acteurs mobilisés"),
            paragraph(
                "<p>Condition essentielle à la réussite de la démarche, les structures de "
                "l'équipe cœur s'engagent sur :</p>"
                "<ul><li>la participation aux réunions et aux formations liées à l'animation "
                "du processus ;</li>"
                "<li>la mobilisation et la concertation des publics via des outils dédiés ;</li>"
                "<li>la communication auprès de leurs publics ;</li>"
                "<li>la participation à l'animation des événements.</li></ul>"
            ),
            call_to_action(
                "Les événements",
                "Voir les événements",
                pages["evenements"],
                "Les rendez-vous que l'équipe cœur contribue à animer.",
            ),
        ],
    }


def mentions_legales(pages):
    """Legal notice: only what the brochure says; the rest is left visibly to complete."""
    return {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "show_in_menus": False,
        "show_in_footer": True,
        "intro": "Informations sur l'éditeur du site et sur son hébergement.",
        "body": [
            heading("Porteur de la démarche"),
            paragraph(
                "<p>La démarche Aux actes citoyens est portée par la Coopérative des "
                f"citoyens, {CONTACT_ADDRESS}. Contact : "
                f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.</p>'
            ),
            heading("À compléter avant la mise en ligne"),
            paragraph(
                "<p>La forme juridique et l'immatriculation de l'éditeur, le nom du directeur "
                "ou de la directrice de la publication et les coordonnées de l'hébergeur ne "
                "figurent pas dans la documentation de la démarche : ils doivent être "
                "renseignés ici par l'éditeur avant l'ouverture publique du site.</p>"
            ),
            heading("Contenus publiés par les participants"),
            paragraph(
                "<p>Les révoltes, rêves, initiatives, commentaires et annonces sont publiés "
                "sous la responsabilité de leurs auteurs et peuvent être modérés. Chacun peut "
                "signaler un contenu qui lui paraît contraire à la loi ou aux règles de la "
                "plateforme.</p>"
            ),
        ],
    }


def donnees_personnelles(pages):
    """Where the privacy notice once was: the notice is now the platform's own page
    (``/confidentialite/``, accounts.privacy), whose periods come from the settings; this page
    only leads there, and leaves the footer to it."""
    return {
        "slug": "donnees-personnelles",
        "title": "Données personnelles",
        "show_in_menus": False,
        "show_in_footer": False,
        "intro": (
            "Ce que la plateforme enregistre sur vous, pourquoi, et comment exercer vos droits."
        ),
        "body": [
            paragraph(
                "<p>Tout est expliqué dans la "
                '<a href="/confidentialite/">politique de confidentialité</a> de la plateforme : '
                "les données conservées, pourquoi, qui les voit, combien de temps, et vos "
                "droits.</p>"
            ),
        ],
    }


STANDARD_PAGES = [le_projet, cooperative, equipe_coeur, mentions_legales, donnees_personnelles]
