# ruff: noqa: E501
"""Invented discussions for the demo site, in the spirit of the brochure: trajets du quotidien,
entraide, rénovation, bien vieillir, réemploi, and the day-to-day life of a few demo
initiatives. No real person, no real organisation: the places are the communes of the Nord
Franche-Comté, the people demo accounts (those of the demo initiatives, and a few more).

Each thread is a dict: ``forum`` is ``("enjeu", slug)`` or ``("initiative", slug)``;
``territory`` the slug of a territory page (enjeu threads, optional); ``days_ago`` when it
was started. Each comment: ``author``, ``text``, and optionally ``likes`` (usernames),
``replies`` (comments, at most two levels below the first), ``hidden`` (the moderator's
reason) with ``hidden_by``, ``deleted`` (removed by its author, its replies stay), ``held``
(waiting for a moderator), ``reported_by`` (usernames: as many as FORUM_FLAGS_TO_HIDE hide it
pending review). Held and reported comments fill the moderators' queue in the admin.
"""

# username, display name: the demo citizens of the discussions who do not carry an initiative.
# The demo initiatives' citizens (``initiatives.demo_texts.CITIZENS``), who talk in the
# forums too: found by username, or created alike when the initiatives' demo did not run.
INITIATIVE_CITIZENS = [
    ("demo-camille", "Camille R."),
    ("demo-karim", "Karim B."),
    ("demo-lucie", "Lucie M."),
    ("demo-matheo", "Mathéo D."),
    ("demo-nadia", "Nadia S."),
]

CITIZENS = [
    ("demo-josiane", "Josiane P."),
    ("demo-thomas", "Thomas V."),
    ("demo-aicha", "Aïcha K."),
    ("demo-gerard", "Gérard F."),
]

THREADS = [
    {
        "forum": ("enjeu", "mobilite"),
        "title": "Vos trajets du quotidien : où est-ce que ça coince ?",
        "author": "demo-nadia",
        "territory": None,
        "days_ago": 40,
        "pinned": True,
        "body": (
            "Pour préparer l'atelier mobilité, nous rassemblons ici les trajets qui posent problème.\n\n"
            "Dites-nous **d'où vous partez, où vous allez, à quelle heure**, et ce qui vous manque : "
            "un bus, une piste cyclable, un covoiturage… Un trajet par message, cela nous aide à faire la synthèse.\n\n"
            "Merci d'avance, toutes les situations comptent !"
        ),
        "comments": [
            {
                "author": "demo-karim",
                "text": "Beaucourt → zone industrielle de Sochaux, départ à 5 h 15 pour l'équipe du matin. Aucun bus à cette heure-là, donc voiture obligatoire. Nous sommes au moins six du village à faire le même trajet chaque jour.",
                "likes": ["demo-camille", "demo-nadia", "demo-thomas"],
                "replies": [
                    {
                        "author": "demo-nadia",
                        "text": "Merci Karim, c'est exactement le genre de trajet que nous voulons mettre en avant. Seriez-vous d'accord pour en parler à l'atelier ?",
                        "replies": [
                            {
                                "author": "demo-karim",
                                "text": "Oui, avec plaisir. Je peux venir avec deux collègues de l'équipe du matin.",
                                "likes": ["demo-nadia"],
                            }
                        ],
                    },
                    {
                        "author": "demo-matheo",
                        "text": "Covoit'Sud cherche justement des trajets réguliers pour tester ses premiers arrêts : six personnes du même village, c'est idéal !",
                    },
                ],
            },
            {
                "author": "demo-josiane",
                "text": "Lepuix → Belfort pour mes rendez-vous à l'hôpital. Le car passe, mais le retour de 17 h est souvent plein et je n'ose plus y aller seule.",
                "likes": ["demo-lucie"],
                "replies": [
                    {
                        "author": "demo-lucie",
                        "text": "Avez-vous essayé le transport à la demande ? Il suffit d'appeler la veille. Je peux vous expliquer, c'est plus simple qu'il n'y paraît.",
                        "replies": [
                            {
                                "author": "demo-josiane",
                                "text": "Je ne savais pas que cela existait chez nous. Merci Lucie, je vais me renseigner à la mairie.",
                            }
                        ],
                    }
                ],
            },
            {
                "author": "demo-aicha",
                "text": "Étudiante à Montbéliard, j'habite Héricourt. À vélo, il manque un bout de piste sécurisée à la sortie d'Héricourt ; le reste du trajet est *vraiment* agréable.",
                "likes": ["demo-thomas", "demo-camille"],
            },
        ],
    },
    {
        "forum": ("enjeu", "mobilite"),
        "title": "Des bus le dimanche entre Giromagny et Belfort ?",
        "author": "demo-matheo",
        "territory": "vosges-du-sud",
        "days_ago": 12,
        "body": (
            "Le dimanche, impossible de descendre à Belfort depuis Giromagny sans voiture. "
            "Les jeunes qui travaillent le week-end et les personnes âgées sont les premiers concernés.\n\n"
            "Est-ce que d'autres communes des Vosges du Sud sont dans le même cas ? "
            "Nous pourrions porter une demande ensemble."
        ),
        "comments": [
            {
                "author": "demo-camille",
                "text": "Même chose à Rougemont-le-Château. Ma fille travaille le dimanche dans un restaurant de Belfort, et c'est moi qui fais le taxi.",
                "likes": ["demo-matheo", "demo-josiane"],
                "replies": [
                    {
                        "author": "demo-matheo",
                        "text": "Merci Camille. Si nous arrivons à compter combien de personnes sont concernées, la demande aura plus de poids.",
                        "replies": [
                            {
                                "author": "demo-camille",
                                "text": "Je peux faire circuler un petit questionnaire au marché de jeudi.",
                                "likes": ["demo-matheo", "demo-thomas"],
                            }
                        ],
                    }
                ],
            },
            {
                "author": "demo-thomas",
                "text": "Une navette toutes les deux heures suffirait déjà, même seulement l'après-midi. Et le Ballon d'Alsace attire du monde le week-end : elle servirait aussi aux randonneurs.",
            },
            {
                "author": "demo-josiane",
                "text": "En attendant, pourquoi pas un covoiturage organisé ? Je descends à Belfort presque tous les dimanches voir ma sœur, je peux prendre deux personnes.",
                "likes": ["demo-camille", "demo-matheo", "demo-thomas"],
            },
        ],
    },
    {
        "forum": ("enjeu", "solidarite"),
        "title": "Paniers solidaires : comment toucher les familles qui n'osent pas demander ?",
        "author": "demo-nadia",
        "territory": "pays-d-hericourt",
        "days_ago": 21,
        "body": (
            "À l'épicerie solidaire, nous voyons bien qu'une partie des familles qui en auraient besoin ne viennent pas : "
            "par gêne, faute d'information, ou parce qu'elles n'ont pas de moyen de transport.\n\n"
            "Comment aller vers elles sans les mettre mal à l'aise ? Vos idées et vos expériences sont les bienvenues."
        ),
        "comments": [
            {
                "author": "demo-lucie",
                "text": "Au jardin partagé, nous avons remarqué que passer par les écoles marche bien : les parents se parlent à la sortie, et une information donnée par un autre parent passe mieux qu'une affiche.",
                "likes": ["demo-nadia"],
                "replies": [
                    {
                        "author": "demo-nadia",
                        "text": "Très bonne piste. Nous pourrions proposer un goûter à la sortie de l'école, tout simplement, pour nous présenter.",
                    }
                ],
            },
            {
                "author": "demo-karim",
                "text": "Et les livraisons ? Pour les personnes sans voiture dans les villages autour d'Héricourt, une tournée le samedi avec des bénévoles changerait beaucoup de choses.",
                "likes": ["demo-nadia", "demo-aicha"],
                "replies": [
                    {
                        "author": "demo-aicha",
                        "text": "Je suis partante pour une tournée par mois : j'ai une voiture et du temps le samedi matin.",
                        "likes": ["demo-karim"],
                        "replies": [
                            {
                                "author": "demo-nadia",
                                "text": "Merci Aïcha ! Je vous mets en relation avec l'équipe du samedi.",
                            }
                        ],
                    }
                ],
            },
            {
                "author": "demo-josiane",
                "text": "Ne pas oublier le bouche-à-oreille : à la mairie, chez le médecin, chez le boulanger. Les gens font confiance à ceux qu'ils connaissent.",
                "likes": ["demo-lucie", "demo-nadia"],
            },
        ],
    },
    {
        "forum": ("enjeu", "energie"),
        "title": "Isoler une maison ancienne : vos retours d'expérience",
        "author": "demo-thomas",
        "territory": "pays-de-montbeliard-agglomeration",
        "days_ago": 30,
        "body": (
            "Nous avons acheté une maison des années 1930 à Audincourt. Avant l'hiver, nous aimerions "
            "isoler les combles et changer les fenêtres, mais nous nous perdons entre les aides, les artisans "
            "et les conseils contradictoires.\n\nQui est passé par là ?"
        ),
        "comments": [
            {
                "author": "demo-karim",
                "text": "Commencez par les combles : c'est là que l'on perd le plus de chaleur, et c'est souvent le moins cher à faire. Chez nous, la facture de chauffage a baissé d'un bon quart dès le premier hiver.",
                "likes": ["demo-thomas", "demo-lucie"],
                "replies": [
                    {
                        "author": "demo-thomas",
                        "text": "Merci ! Vous étiez passés par un conseiller, ou directement par un artisan ?",
                        "replies": [
                            {
                                "author": "demo-karim",
                                "text": "Par le conseiller rénovation de l'agglomération : c'est gratuit et neutre. Il nous a évité deux devis farfelus.",
                                "likes": ["demo-thomas"],
                            }
                        ],
                    }
                ],
            },
            {
                "author": "demo-camille",
                "text": "Attention aux murs en pierre : ils ont besoin de respirer. Un enduit chaux-chanvre à l'intérieur, c'est ce qui a le mieux marché chez mes parents à Étupes.",
            },
            {
                "author": "demo-matheo",
                "text": "À La Fabrique, nous réfléchissons à un atelier pour apprendre les gestes de base : calfeutrer une fenêtre, poser un isolant, purger un radiateur. Cela intéresserait du monde ?",
                "likes": ["demo-thomas", "demo-camille", "demo-aicha"],
            },
            {
                "author": "demo-gerard",
                "text": "Isolation à 1 € garantie, devis en ligne sur https://isolation-express.example et https://aides-renov.example, places limitées !",
                "held": True,
            },
            {
                "author": "demo-gerard",
                "text": "Les aides, c'est toujours pour les mêmes. Ceux qui isolent leur maison n'ont qu'à payer eux-mêmes, point.",
                "reported_by": ["demo-thomas", "demo-camille", "demo-aicha"],
            },
        ],
    },
    {
        "forum": ("enjeu", "bien-vieillir"),
        "title": "Rester chez soi le plus longtemps possible dans nos villages",
        "author": "demo-josiane",
        "territory": "sud-territoire",
        "days_ago": 8,
        "body": (
            "J'ai 78 ans et je vis seule à Grandvillars. Je me débrouille, mais je vois bien que cela deviendra "
            "plus difficile : les courses, les papiers, le médecin.\n\n"
            "Qu'est-ce qui existe, ou pourrait exister, pour vieillir chez soi sans être seul ?"
        ),
        "comments": [
            {
                "author": "demo-camille",
                "text": "Merci Josiane pour ce message. Avec « Colocations entre générations », nous mettons en relation des aînés qui ont une chambre libre et des jeunes qui cherchent un logement : une présence le soir contre un loyer modeste.",
                "likes": ["demo-josiane", "demo-nadia"],
                "replies": [
                    {
                        "author": "demo-josiane",
                        "text": "Je ne connaissais pas. Comment se passe la rencontre ? J'aurais un peu peur de mal tomber.",
                        "replies": [
                            {
                                "author": "demo-camille",
                                "text": "On se rencontre d'abord plusieurs fois, avec quelqu'un de l'association, et chacun peut dire non. Rien ne se fait dans la précipitation.",
                                "likes": ["demo-josiane"],
                            }
                        ],
                    }
                ],
            },
            {
                "author": "demo-aicha",
                "text": "Je suis infirmière à domicile du côté de Delle. Un voisin qui passe une fois par jour, cela change tout, pour la sécurité comme pour le moral.",
                "likes": ["demo-josiane"],
            },
            {
                "author": "demo-matheo",
                "text": "Au Café des aidants numériques, nous aidons aussi à faire les démarches en ligne : rendez-vous médicaux, retraite, impôts. Un mardi sur deux à Giromagny, et nous pouvons nous déplacer.",
            },
        ],
    },
    {
        "forum": ("enjeu", "economie-circulaire"),
        "title": "Soirée réparation et réemploi à Belfort : le compte rendu",
        "author": "demo-lucie",
        "territory": "grand-belfort",
        "days_ago": 55,
        "closed": True,
        "body": (
            "Merci aux quarante personnes venues à la soirée de mardi ! Voici les idées retenues :\n\n"
            "- une carte des lieux où réparer, donner et acheter d'occasion ;\n"
            "- un repair café qui tourne entre les quartiers ;\n"
            "- une collecte de vélos à remettre en état avec des apprentis.\n\n"
            "Ce fil sert à compléter le compte rendu ; il sera fermé dans une semaine, "
            "la suite se passera dans les forums des initiatives."
        ),
        "comments": [
            {
                "author": "demo-karim",
                "text": "Merci Lucie pour ce compte rendu très clair. J'ajouterais l'idée d'une bourse aux outils entre voisins, évoquée en fin de soirée.",
                "likes": ["demo-lucie"],
                "replies": [
                    {
                        "author": "demo-lucie",
                        "text": "Bien vu, je l'ajoute à la liste.",
                    }
                ],
            },
            {
                "author": "demo-aicha",
                "text": "Pour la collecte de vélos, l'atelier d'un lycée professionnel pourrait être intéressé. Je peux en parler à une enseignante que je connais.",
                "likes": ["demo-lucie", "demo-karim"],
            },
            {
                "author": "demo-lucie",
                "text": "Le fil est maintenant fermé : merci à toutes et à tous ! Rendez-vous dans les forums de la Ressourcerie et du Repair café pour la suite.",
                "likes": ["demo-camille"],
            },
        ],
    },
    {
        "forum": ("initiative", "repair-cafe-de-giromagny"),
        "title": "Prochaine séance : samedi de 9 h à midi",
        "author": "demo-camille",
        "days_ago": 6,
        "body": (
            "La prochaine séance du repair café a lieu samedi, de 9 h à midi, à la salle des fêtes. "
            "Apportez vos objets en panne (propres, et avec leur câble si possible).\n\n"
            "Nous cherchons encore quelqu'un qui s'y connaisse en **machines à coudre** !"
        ),
        "comments": [
            {
                "author": "demo-matheo",
                "text": "Je serai là avec mon fer à souder. Je peux prendre les petites radios et les lampes.",
                "likes": ["demo-camille"],
            },
            {
                "author": "demo-thomas",
                "text": "J'ai réparé longtemps la machine à coudre de ma grand-mère : je viens volontiers tenir ce poste.",
                "likes": ["demo-camille", "demo-matheo"],
                "replies": [
                    {
                        "author": "demo-camille",
                        "text": "Merci Thomas, quelle bonne nouvelle ! Les couturières du village vont être ravies.",
                    }
                ],
            },
            {
                "author": "demo-gerard",
                "text": "Vends tondeuse thermique presque neuve, 80 €, me contacter au 06 00 00 00 00.",
                "hidden": (
                    "Les annonces de vente n'ont pas leur place dans ce fil, et votre message donnait un "
                    "numéro de téléphone personnel. La Bourse aux initiatives est faite pour cela : "
                    "n'hésitez pas à y publier votre annonce."
                ),
                "hidden_by": "demo-camille",
            },
            {
                "author": "demo-aicha",
                "text": "Peut-on venir simplement pour apprendre, sans objet à réparer ?",
                "replies": [
                    {
                        "author": "demo-camille",
                        "text": "Bien sûr ! Le café est offert, et il y a toujours quelque chose à démonter.",
                        "likes": ["demo-aicha"],
                    }
                ],
            },
        ],
    },
    {
        "forum": ("initiative", "jardin-partage-des-residences"),
        "title": "Tours d'arrosage pendant les vacances",
        "author": "demo-lucie",
        "days_ago": 4,
        "members_only": True,
        "body": (
            "Entre le 14 juillet et le 15 août, beaucoup d'entre nous partent. Faisons un tableau d'arrosage : "
            "indiquez ici vos semaines de présence, je ferai la synthèse et l'afficherai dans le local."
        ),
        "comments": [
            {
                "author": "demo-karim",
                "text": "Je suis là les deux dernières semaines de juillet, je prends les arrosages du soir.",
                "likes": ["demo-lucie"],
            },
            {
                "author": "demo-nadia",
                "text": "Moi, la première quinzaine d'août. Je peux aussi récolter les courgettes pour l'épicerie si elles débordent !",
                "likes": ["demo-lucie", "demo-karim"],
                "replies": [
                    {
                        "author": "demo-lucie",
                        "text": "Parfait, merci à vous deux. Il reste la semaine du 14 juillet à couvrir.",
                        "replies": [
                            {
                                "author": "demo-karim",
                                "text": "Je demande à mon voisin du troisième : il avait proposé son aide au printemps.",
                            }
                        ],
                    }
                ],
            },
        ],
    },
    {
        "forum": ("initiative", "covoit-sud-covoiturage-entre-villages"),
        "title": "Où poser les premiers panneaux d'arrêt ?",
        "author": "demo-karim",
        "days_ago": 16,
        "body": (
            "Trois communes sont prêtes à accueillir un arrêt Covoit'Sud. Quels emplacements vous semblent "
            "les plus pratiques et les plus sûrs ?\n\n"
            "Pensez à l'éclairage le soir et à la place pour s'arrêter sans gêner la circulation."
        ),
        "comments": [
            {
                "author": "demo-thomas",
                "text": "À Delle, le parking de la gare : il est bien éclairé et tout le monde le connaît.",
                "likes": ["demo-karim", "demo-camille"],
            },
            {
                "author": "demo-josiane",
                "text": "Je propose devant l'église de Joncherey, le mardi matin.",
                "deleted": True,
                "replies": [
                    {
                        "author": "demo-karim",
                        "text": "Devant la mairie de Joncherey, ce serait peut-être plus sûr : le trottoir est large et il y a un abri.",
                        "likes": ["demo-thomas"],
                    }
                ],
            },
            {
                "author": "demo-camille",
                "text": "À Grandvillars, devant la boulangerie : les gens s'y arrêtent déjà le matin.",
                "replies": [
                    {
                        "author": "demo-karim",
                        "text": "Noté ! Je vois avec la mairie pour le marquage au sol.",
                        "likes": ["demo-camille"],
                    }
                ],
            },
        ],
    },
    {
        "forum": ("initiative", "la-fabrique-tiers-lieu-de-montbeliard"),
        "title": "Quelles activités pour le café associatif cet automne ?",
        "author": "demo-matheo",
        "days_ago": 9,
        "body": (
            "Le café associatif rouvre en septembre. Soirées jeux, ateliers cuisine, concerts acoustiques, "
            "permanences numériques… Dites-nous ce qui vous ferait venir, et si vous avez envie d'animer quelque chose !"
        ),
        "comments": [
            {
                "author": "demo-aicha",
                "text": "Une soirée jeux de société par mois, ce serait génial. Je peux apporter ma collection.",
                "likes": ["demo-matheo", "demo-karim", "demo-lucie"],
                "replies": [
                    {
                        "author": "demo-matheo",
                        "text": "Adopté ! Le premier jeudi du mois, cela vous irait ?",
                        "replies": [
                            {
                                "author": "demo-aicha",
                                "text": "Parfait pour moi, à partir de 19 h.",
                            }
                        ],
                    }
                ],
            },
            {
                "author": "demo-karim",
                "text": "Un atelier « réparer son vélo » au printemps, avec l'atelier de fabrication juste à côté ?",
                "likes": ["demo-matheo"],
            },
            {
                "author": "demo-lucie",
                "text": "Et des repas partagés avec les légumes du jardin des Résidences : chacun cuisine, tout le monde goûte.",
                "likes": ["demo-matheo", "demo-aicha"],
            },
        ],
    },
]
