"""Top the bench's comments up to 50,000, in varied French, for the search benchmark.

Run by bench/run.py (``python -m bench.seed_search --comments 50000`` from the project root,
with the bench's environment) after ``bench.seed_forums``, whose threads hold a few thousand
comments of ten sentences: adds threads, four in five to the forum of a published enjeu, the
others to the forums of one published seeded initiative in fifty, until the comments number
``--comments`` in all (the long discussion's included; a second run adds nothing). The
comments come from ``bench.seed_forums.add_comments`` (bulk inserts, the tree fields
django-comments-xtd would write).

Their texts are written from a vocabulary (subjects in the singular and the plural, masculine
and feminine, verbs that agree with them, places, times), so that a search meets the forms a
stemmer has to bring together (« école », « écoles » ; « solidaire », « solidaires » ;
« citoyennes et citoyens ») in sentences that differ. One comment in RARE_EVERY mentions
RARE_WORD, for the rare-word scenario. A pool of POOL_SIZE texts is drawn once (rendering each
text's HTML is the costly part), and each comment takes one of them.

Threads are bulk-inserted too, so no search document is written while seeding: the bench builds
them all afterwards with ``manage.py rebuild_search_index``.
"""

import argparse
import datetime
import random

from bench.seed_forums import USERS, add_comments, thread_rows

POOL_SIZE = 4000
RARE_WORD = "funiculaire"
RARE_EVERY = 4000
INITIATIVE_SHARE = 50  # one seeded initiative in fifty has a forum with threads
INITIATIVE_THREADS = 0.2  # the share of the threads that go to those initiatives
COMMENTS_PER_THREAD = (5, 80)
DAYS = 90

OPENERS = [
    "",
    "Je pense que",
    "À mon avis,",
    "Franchement,",
    "Dans notre village,",
    "Depuis la rentrée,",
    "Comme beaucoup de voisins,",
    "Pour les familles,",
    "D'après les habitantes du quartier,",
    "Au dernier conseil municipal,",
]
# (subject, plural?)
SUBJECTS = [
    ("la mobilité des aînés", False),
    ("les mobilités douces", True),
    ("l'école du quartier", False),
    ("les écoles rurales", True),
    ("le transport scolaire", False),
    ("les transports en commun", True),
    ("la navette solidaire", False),
    ("les épiceries solidaires", True),
    ("le jardin partagé", False),
    ("les jardins familiaux", True),
    ("la ressourcerie", False),
    ("les citoyennes et les citoyens", True),
    ("le covoiturage", False),
    ("les pistes cyclables", True),
    ("la maison de santé", False),
    ("les médecins généralistes", True),
    ("le marché des producteurs", False),
    ("les associations sportives", True),
    ("la cantine scolaire", False),
    ("les commerces de proximité", True),
    ("la gare", False),
    ("les horaires des bus", True),
    ("l'atelier de réparation", False),
    ("les bénévoles", True),
    ("la coopérative d'énergie", False),
    ("les panneaux solaires", True),
    ("le tiers-lieu", False),
    ("les logements sociaux", True),
    ("la crèche", False),
    ("les lycéennes et les lycéens", True),
]
# (singular, plural)
PREDICATES = [
    ("mérite plus de moyens", "méritent plus de moyens"),
    ("manque cruellement", "manquent cruellement"),
    ("pourrait changer la vie des habitants", "pourraient changer la vie des habitants"),
    ("fonctionne bien quand on s'organise", "fonctionnent bien quand on s'organise"),
    ("est trop loin pour les personnes âgées", "sont trop loin pour les personnes âgées"),
    ("a besoin de nouveaux bénévoles", "ont besoin de nouveaux bénévoles"),
    ("devrait être au programme de l'atelier", "devraient être au programme de l'atelier"),
    ("reste difficile d'accès", "restent difficiles d'accès"),
    ("n'intéresse pas assez les élus", "n'intéressent pas assez les élus"),
    ("rend service à tout le monde", "rendent service à tout le monde"),
    ("coûte trop cher", "coûtent trop cher"),
    ("attire enfin les jeunes", "attirent enfin les jeunes"),
]
PLACES = [
    "à Belfort",
    "à Montbéliard",
    "à Héricourt",
    "à Delle",
    "à Giromagny",
    "à Valdoie",
    "à Audincourt",
    "à Beaucourt",
    "à Étupes",
    "à Rougemont-le-Château",
    "entre Belfort et Montbéliard",
    "dans les villages du Sud Territoire",
    "",
]
TIMES = [
    "",
    "le samedi matin",
    "pendant les vacances scolaires",
    "surtout l'hiver",
    "depuis des années",
    "le soir après 20 h",
    "les jours de marché",
]
AFTERWORDS = [
    "",
    "Qui serait partant pour en parler ?",
    "Je propose qu'on en discute jeudi à la réunion publique.",
    "Merci pour ce fil, il fait du bien.",
    "Une solution solidaire existe déjà à Delle, inspirons-nous-en.",
    "Les élues et les élus sont-ils au courant ?",
    "J'ai écrit à la mairie, sans réponse pour l'instant.",
    "Il faudrait associer les écoles et les associations.",
    "Pensons aussi aux personnes sans voiture.",
    "On pourrait lancer une pétition citoyenne.",
]
RARE_SENTENCE = f"Et pourquoi pas un {RARE_WORD} jusqu'au Ballon d'Alsace ?"
THREAD_TITLES = [
    "{subject} {place}",
    "Que faire pour {subject} ?",
    "Vos idées sur {subject}",
    "Retour d'expérience : {subject} {place}",
    "Atelier citoyen : {subject}",
]
THREAD_BODY = "Partageons ici nos constats, nos difficultés et nos idées."


def sentence(rng):
    """One sentence: an opener, a subject, its agreeing predicate, a place and a time."""
    subject, plural = rng.choice(SUBJECTS)
    predicate = rng.choice(PREDICATES)[plural]
    words = [rng.choice(OPENERS), subject, predicate, rng.choice(PLACES), rng.choice(TIMES)]
    text = " ".join(word for word in words if word) + "."
    return text[0].upper() + text[1:]


def text_pool(rng, size=POOL_SIZE):
    """``size`` comment texts of one to three sentences, most of them distinct."""
    return [
        " ".join(
            [sentence(rng) for _ in range(rng.choice([1, 1, 2, 3]))] + [rng.choice(AFTERWORDS)]
        ).strip()
        for _ in range(size)
    ]


def writer(pool):
    """``write(rng)`` for add_comments: a text of the pool, now and then the rare word."""
    written = 0

    def write(rng):
        nonlocal written
        written += 1
        text = rng.choice(pool)
        return f"{text} {RARE_SENTENCE}" if written % RARE_EVERY == 0 else text

    return write


def thread_title(rng):
    subject, _plural = rng.choice(SUBJECTS)
    title = rng.choice(THREAD_TITLES).format(subject=subject, place=rng.choice(PLACES))
    return (title[0].upper() + title[1:]).strip()


def forums():
    """Where the new threads go: ``(enjeux, initiatives)``, every published enjeu and one
    published seeded initiative in INITIATIVE_SHARE."""
    from cms_pages.models import EnjeuPage
    from initiatives.models import InitiativePage

    enjeux = list(EnjeuPage.objects.live().order_by("pk"))
    initiatives = InitiativePage.objects.live().filter(slug__startswith="banc-").order_by("pk")
    return enjeux, list(initiatives)[::INITIATIVE_SHARE]


def forum(rng, enjeux, initiatives):
    """``(enjeu, initiative)`` of a new thread: an enjeu's forum mostly."""
    if initiatives and (not enjeux or rng.random() < INITIATIVE_THREADS):
        return None, rng.choice(initiatives)
    return rng.choice(enjeux), None


def seed(total, seed_value=2026):
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from cms_pages.models import TerritoryPage
    from forums.models import Comment

    missing = total - Comment.objects.count()
    enjeux, initiatives = forums()
    users = list(User.objects.filter(username__startswith="banc").order_by("pk")[:USERS])
    if missing <= 0 or not (enjeux or initiatives) or not users:
        print(f"No comment to add ({Comment.objects.count()} there, {total} wanted).")
        return
    rng = random.Random(seed_value)
    now = timezone.now().replace(microsecond=0)
    territories = list(TerritoryPage.objects.live().order_by("pk"))
    write = writer(text_pool(rng))
    plan, planned = [], 0
    while planned < missing:
        count = min(rng.randint(*COMMENTS_PER_THREAD), missing - planned)
        started = now - datetime.timedelta(minutes=rng.randrange(DAYS * 24 * 60))
        plan.append((forum(rng, enjeux, initiatives), thread_title(rng), started, count))
        planned += count
    with transaction.atomic():
        threads = thread_rows(
            [
                {
                    "page": enjeu or initiative,
                    "title": title,
                    "body": THREAD_BODY,
                    "author": rng.choice(users),
                    "territory": rng.choice(territories) if enjeu and territories else None,
                    "created_at": started,
                    "last_activity_at": started,
                }
                for (enjeu, initiative), title, started, _count in plan
            ]
        )
        for thread, (*_, started, count) in zip(threads, plan, strict=True):
            span = min(now - started, datetime.timedelta(days=20))
            add_comments(thread, count, users, rng, started, span, write=write)
    print(f"Seeded {missing} comments in {len(threads)} threads ({total} comments in all).")


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=50_000, help="comments in all")
    args = parser.parse_args()
    django.setup()
    seed(args.comments)


if __name__ == "__main__":
    main()
