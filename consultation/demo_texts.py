# ruff: noqa: E501
"""Invented révoltes and rêves for the demo site: generic, no real person, no real place beyond
the commune names of the data (``{commune}`` is replaced by one of the territory's communes).

Each entry: (kind, title, text, tags, enjeu slug or "").
"""

R, V = "revolte", "reve"

# One contribution per line reads best: keep the formatter off this list.
# fmt: off
TEXTS = [
    (R, "Plus de bus après 20 h", "Le dernier bus passe avant 20 h : impossible de rentrer d'un travail du soir ou d'une séance de cinéma sans voiture.", ["transports", "soirée"], "mobilite"),
    (V, "Un jardin partagé au pied des immeubles", "Je rêve d'un jardin partagé où les voisins cultivent ensemble, avec des bacs accessibles aux personnes âgées.", ["jardin", "voisinage"], "agriculture-de-demain"),
    (R, "Médecin introuvable", "Mon médecin part à la retraite et aucun cabinet n'accepte de nouveaux patients à moins de trente minutes.", ["santé", "médecins"], "sante-d-avenir"),
    (V, "Une piste cyclable continue", "Une piste cyclable sûre et continue jusqu'à la gare, pour aller travailler à vélo sans risquer sa vie.", ["vélo", "transports"], "mobilite"),
    (R, "Les commerces ferment un à un", "À {commune}, la boulangerie a fermé, puis la supérette : il faut prendre la voiture pour acheter du pain.", ["commerces", "centre-bourg"], "lieux-d-avenir"),
    (V, "Un tiers-lieu pour se retrouver", "Un lieu ouvert à tous, avec un café associatif, un atelier de réparation et des permanences pour les démarches.", ["tiers-lieu", "lien social"], "lieux-d-avenir"),
    (R, "Factures d'énergie trop lourdes", "Le chauffage coûte plus cher chaque hiver et les logements anciens laissent passer le froid.", ["énergie", "logement"], "energie"),
    (V, "Des panneaux solaires sur les toits publics", "Couvrir les écoles et les gymnases de panneaux solaires, avec une coopérative d'habitants qui en partage les bénéfices.", ["énergie", "coopérative"], "energie"),
    (R, "Les jeunes n'ont nulle part où aller", "Le soir et le week-end, les adolescents n'ont aucun lieu à eux : ni salle, ni terrain éclairé, ni animateur.", ["jeunesse", "loisirs"], ""),
    (V, "Une épicerie solidaire", "Une épicerie où chacun paie selon ses moyens, tenue par des bénévoles et approvisionnée par les producteurs du coin.", ["solidarité", "alimentation"], "solidarite"),
    (R, "Trottoirs impraticables en fauteuil", "À {commune}, les trottoirs sont trop étroits et encombrés : impossible de circuler en fauteuil ou avec une poussette.", ["accessibilité", "trottoirs"], "egalite-des-chances"),
    (V, "Des producteurs locaux à la cantine", "Que les cantines servent les légumes et la viande des fermes voisines plutôt que des plats venus de loin.", ["cantine", "circuits courts"], "agriculture-de-demain"),
    (R, "Démarches uniquement en ligne", "Tout se fait sur internet maintenant ; mes parents n'y arrivent pas et plus personne ne répond au guichet.", ["numérique", "services publics"], "egalite-des-chances"),
    (V, "Un covoiturage organisé entre villages", "Des points de covoiturage signalés et une application simple pour partager les trajets vers les zones d'emploi.", ["covoiturage", "transports"], "mobilite"),
    (R, "Des friches qui se dégradent", "Les anciens ateliers restent vides depuis des années ; ils se dégradent alors qu'on manque de lieux pour entreprendre.", ["friches", "urbanisme"], "lieux-d-avenir"),
    (V, "Une ressourcerie", "Une ressourcerie où l'on dépose ce qui peut resservir et où l'on apprend à réparer, au lieu de tout jeter.", ["réemploi", "déchets"], "economie-circulaire"),
    (R, "Seuls à la maison", "Beaucoup d'anciens vivent seuls sans voir personne de la semaine ; les visites à domicile ne suffisent pas.", ["isolement", "aînés"], "bien-vieillir"),
    (V, "Des colocations entre générations", "Des étudiants logés chez des personnes âgées contre un peu de présence et de services, avec un accompagnement.", ["logement", "intergénérationnel"], "bien-vieillir"),
    (R, "Pas de travail pour les jeunes diplômés", "Après mes études, j'ai dû partir : il n'y a presque pas d'offres dans mon domaine sur le territoire.", ["emploi", "jeunesse"], "emploi-de-demain"),
    (V, "Une couveuse d'activités", "Un lieu qui aide à tester son projet d'entreprise pendant un an, avec des conseils et un local partagé.", ["emploi", "création d'activité"], "emploi-de-demain"),
    (R, "Classes surchargées", "À {commune}, la classe de mon fils compte près de trente élèves et les remplacements ne sont pas assurés.", ["école", "éducation"], "education"),
    (V, "L'école ouverte le soir", "Que l'école accueille le soir des ateliers pour les parents : français, numérique, aide aux devoirs.", ["école", "parents"], "education"),
    (R, "La rivière polluée", "Après chaque orage, la rivière charrie des déchets et de la mousse ; personne ne sait d'où cela vient.", ["environnement", "eau"], ""),
    (V, "Des sentiers balisés entre les villages", "Un réseau de chemins balisés pour marcher d'un village à l'autre, avec des panneaux sur la faune et la flore.", ["randonnée", "nature"], ""),
    (R, "Loyers trop chers pour les familles", "Les loyers ont beaucoup augmenté et les logements sociaux sont attribués après des années d'attente.", ["logement", "familles"], "solidarite"),
    (V, "Un marché de producteurs chaque semaine", "À {commune}, un petit marché le samedi matin avec les maraîchers et les éleveurs des environs.", ["marché", "circuits courts"], "agriculture-de-demain"),
    (R, "Routes dangereuses pour les enfants", "Les voitures roulent vite devant l'école et il n'y a ni passage protégé ni ralentisseur.", ["sécurité routière", "école"], "mobilite"),
    (V, "Une maison de santé", "Une maison de santé qui réunit médecins, infirmières et kinés, avec des horaires adaptés aux personnes qui travaillent.", ["santé", "maison de santé"], "sante-d-avenir"),
    (R, "Les associations s'épuisent", "Les bénévoles vieillissent, les subventions baissent et plusieurs clubs risquent de disparaître.", ["associations", "bénévolat"], ""),
    (V, "Un festival fait par les habitants", "Un festival d'été préparé par les habitants, les écoles et les associations, gratuit et accessible à tous.", ["culture", "fête"], ""),
    (R, "Éclairage public éteint trop tôt", "Les lampadaires s'éteignent à 23 h ; en rentrant du travail de nuit, on marche dans le noir complet.", ["éclairage", "sécurité"], ""),
    (V, "Une navette à la demande", "Une navette que l'on réserve la veille pour aller au marché, chez le médecin ou à la gare.", ["transport à la demande", "aînés"], "mobilite"),
    (R, "Les déchets sauvages se multiplient", "À {commune}, des sacs et des gravats sont déposés en bord de route chaque semaine.", ["déchets", "propreté"], "economie-circulaire"),
    (V, "Un atelier vélo associatif", "Un atelier où l'on apprend à réparer son vélo, avec des pièces de récupération et des vélos remis en état à petit prix.", ["vélo", "réparation"], "economie-circulaire"),
    (R, "Aucun accueil pour les tout-petits", "Pas une place en crèche ni assez d'assistantes maternelles : j'ai dû réduire mon temps de travail.", ["petite enfance", "emploi"], "egalite-des-chances"),
    (V, "Des cours de français pour les nouveaux arrivants", "Des ateliers de conversation animés par des bénévoles pour aider les nouveaux arrivants à trouver leur place.", ["langue", "accueil"], "egalite-des-chances"),
    (R, "Le train supprimé", "Le train du matin a été supprimé ; pour arriver à l'heure, il faut partir une heure plus tôt en car.", ["train", "transports"], "mobilite"),
    (V, "Une cantine anti-gaspillage", "Que les restes des cantines et des commerces soient redistribués plutôt que jetés, avec une application de dons.", ["gaspillage", "alimentation"], "economie-circulaire"),
    (R, "Les agriculteurs ne trouvent pas de repreneur", "Plusieurs fermes autour de {commune} vont fermer faute de repreneur, et les terres partent à l'agrandissement.", ["agriculture", "transmission"], "agriculture-de-demain"),
    (V, "Une ferme-école", "Une ferme où les jeunes apprennent le maraîchage et où les anciens transmettent leur savoir-faire.", ["agriculture", "formation"], "agriculture-de-demain"),
    (R, "Internet trop lent", "Dans notre hameau, la connexion est si lente qu'il est impossible de télétravailler ou de suivre un cours en ligne.", ["numérique", "réseau"], ""),
    (V, "Un espace de travail partagé", "Un espace de coworking au village pour éviter les trajets quotidiens et rompre l'isolement du télétravail.", ["coworking", "télétravail"], "emploi-de-demain"),
    (R, "Piscine fermée", "La piscine intercommunale est fermée pour travaux depuis deux ans ; les enfants n'apprennent plus à nager.", ["sport", "équipements"], ""),
    (V, "Des rues aux enfants", "Fermer certaines rues à la circulation le dimanche pour que les enfants jouent et que les voisins se rencontrent.", ["rues", "enfants"], "lieux-d-avenir"),
    (R, "Aides difficiles à obtenir", "Les dossiers d'aide sont si compliqués que beaucoup de gens renoncent à des droits qu'ils ont.", ["droits", "accès aux aides"], "solidarite"),
    (V, "Un point d'accueil unique pour les démarches", "Un guichet où une personne aide à remplir tous les dossiers, sur rendez-vous ou sans rendez-vous.", ["services publics", "accompagnement"], "solidarite"),
    (R, "Trop de voitures en centre-ville", "À {commune}, le centre est saturé de voitures ; on respire mal et les terrasses sont désertes.", ["circulation", "pollution"], "mobilite"),
    (V, "Des arbres dans les cours d'école", "Remplacer le bitume des cours d'école par des arbres et de la terre pour avoir de l'ombre l'été.", ["école", "végétalisation"], "education"),
    (R, "Pas d'emploi près de chez soi", "Les emplois sont concentrés dans l'agglomération : sans permis ni voiture, on reste sans travail.", ["emploi", "mobilité"], "emploi-de-demain"),
    (V, "Une monnaie locale", "Une monnaie locale acceptée par les commerçants du territoire pour que l'argent reste ici.", ["économie locale", "commerces"], ""),
    (R, "Personnes âgées sans transport", "Ma voisine ne conduit plus et ne peut plus aller faire ses courses sans demander à quelqu'un.", ["aînés", "transports"], "bien-vieillir"),
    (V, "Des bancs partout", "Des bancs tous les deux cents mètres pour que les personnes âgées puissent marcher en ville en se reposant.", ["aînés", "espace public"], "bien-vieillir"),
    (R, "Les stages introuvables", "Les élèves de troisième ne trouvent pas de stage : les entreprises sont loin et peu répondent.", ["stages", "jeunesse"], "education"),
    (V, "Un réseau d'entraide entre voisins", "Une plateforme de quartier pour se prêter des outils, garder un animal ou aider à un déménagement.", ["entraide", "voisinage"], "solidarite"),
    (R, "Logements vacants en centre-bourg", "À {commune}, des maisons restent vides pendant que des familles cherchent à se loger.", ["logement", "centre-bourg"], "lieux-d-avenir"),
    (V, "Des chaufferies au bois local", "Chauffer les bâtiments publics avec le bois des forêts voisines, géré durablement.", ["énergie", "forêt"], "energie"),
    (R, "Plus de distributeur de billets", "Le seul distributeur du secteur a été retiré ; les commerçants et les aînés en souffrent.", ["services", "centre-bourg"], ""),
    (V, "Un cinéma itinérant", "Un cinéma qui passe chaque mois dans les salles des fêtes des villages, avec des débats après la séance.", ["culture", "villages"], ""),
    (R, "Urgences saturées", "Des heures d'attente aux urgences faute de médecins de garde le soir et le week-end.", ["santé", "urgences"], "sante-d-avenir"),
    (V, "Des ateliers de prévention santé", "Des ateliers gratuits sur l'alimentation, le sommeil et le sport, dans les quartiers et les villages.", ["santé", "prévention"], "sante-d-avenir"),
    (R, "Les élus n'écoutent pas", "On nous consulte rarement et jamais sur ce qui compte ; les décisions arrivent toutes faites.", ["démocratie", "participation"], ""),
    (V, "Un budget décidé par les habitants", "Une part du budget de la commune confiée aux habitants, qui proposent et votent leurs projets.", ["démocratie", "participation"], ""),
    (R, "Chantiers interminables", "Les travaux de la rue principale durent depuis des mois et les commerçants perdent leurs clients.", ["travaux", "commerces"], ""),
    (V, "Des toits végétalisés", "Des toitures végétales sur les bâtiments publics pour garder la fraîcheur et accueillir les oiseaux.", ["végétalisation", "climat"], "energie"),
    (R, "Parc de jeux abandonné", "À {commune}, l'aire de jeux est cassée depuis un an et personne ne la répare.", ["enfants", "équipements"], "lieux-d-avenir"),
]
# fmt: on

# The one example of a hidden contribution, with the reason a moderator would give.
HIDDEN = (
    R,
    "",
    "Tous des incapables dans cette mairie, il faudrait tous les mettre dehors !!!",
    ["exemple de masquage"],
    "",
)
HIDDEN_REASON = (
    "Exemple : propos insultants envers des personnes, contraires à la charte de participation."
)
