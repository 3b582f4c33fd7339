"""Stories written by hand in the manner of an LLM (a title, paragraphs, dialogue; several people each, in English,
French and Spanish), with what each says of how its people look: the colours they wear and their hair, beard,
glasses or hat. The offline reader extracts their casts (tests/test_offline_extraction_looks.py)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Told:
    """What a story says of one person's looks: the colours worn (English colour names, in the order told) and
    words their visual form must carry (hair colour, beard, glasses, a hat)."""

    colours: tuple[str, ...] = ()
    looks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    key: str
    text: str
    people: dict[str, Told] = field(default_factory=dict)  # name -> what the text tells of their looks


STORIES = [
    Story(
        "lantern-thief",
        """# The Lantern Thief

Mira Vale, a young clockmaker in a red cloak, hurried through the market square at dusk.

At the fountain waited Tobias Grell, a retired sailor in a blue wool coat. "You're late," he said.

"The thief struck again," Mira replied. "Three lanterns, gone."

Across the square, a tall woman named Selene Marr watched them from under a black wide-brimmed hat. She smiled \
and slipped into the crowd.

Tobias scratched his grey beard. "That one," he muttered. "Selene has been buying lamp oil all week."

Mira followed Selene through the alleys until the woman stopped at a bakery. Inside, Ansel Brun, the baker, was \
counting coins. "She pays me in old lantern glass," Ansel said.
""",
        {
            "Mira Vale": Told(("red",)),
            "Tobias Grell": Told(("blue",), ("grey beard",)),
            "Selene Marr": Told(("black",), ("hat",)),
        },
    ),
    Story(
        "station",
        """Commander Ishaan Rao floated into the observation deck of the Halcyon Station. Below him, the blue \
curve of the planet turned slowly.

"We have a problem," said Dr. Amara Okafor, the station's physician. She did not look up from her tablet.

Engineer Pell Tanaka was already there, elbow-deep in a service panel. "The oxygen scrubbers are failing," Pell \
said. "Someone has been tampering with them."

Rao frowned. Only four people had access to the scrubbers: himself, Okafor, Tanaka, and the quiet botanist, \
Lio Ferrante.

Lio Ferrante was in the greenhouse when they found him, watering the tomato vines. "I wondered when you'd come," \
Lio said softly.
""",
        {},
    ),
    Story(
        "orchard",
        """## The Orchard Keeper

Nell Ashby, a freckled girl with red hair and a yellow raincoat, climbed the orchard wall every afternoon.

Her grandfather, Walter Ashby, had a white beard and wore round spectacles. He tended the apple trees with \
patient hands.

One day a stranger came up the lane. Mr. Crane, a thin man in a grey suit and a bowler hat, said he had bought \
the orchard.

"Bought it?" Nell cried. "From whom?"

Walter said nothing for a long while. Crane tipped his hat and left.

That night Nell's friend Pim Okoro, a boy in a green jumper, helped her search the old deeds in the attic.
""",
        {
            "Nell Ashby": Told(("yellow",), ("red hair",)),
            "Walter Ashby": Told((), ("white beard", "spectacles")),
            "Crane": Told(("grey",), ("bowler hat",)),
            "Pim Okoro": Told(("green",)),
        },
    ),
    Story(
        "detectives",
        """Inspector Hal Dunmore had seen a great many crime scenes, but never one like this. The museum's \
director, Clara Voss, met him at the door.

"The painting was here at midnight," Clara said. "At one o'clock it was gone."

Dunmore's partner, Sergeant Ruth Adair, was already questioning the night guard, Felix Moreau. Felix twisted \
his cap in his hands.

"I heard nothing," Felix said. "I swear it."

Ruth wrote it down. Later, over bad coffee, she told Dunmore what she thought. "He's lying," Ruth said. "And \
so is Clara Voss."
""",
        {},
    ),
    Story(
        "boulangerie",
        """La Boulangerie du Port

Léa Martin, une jeune boulangère au tablier blanc, ouvrait sa boutique avant l'aube.

Son voisin, Gaspard Roux, un vieux pêcheur à la barbe grise, entra le premier. « Trois croissants, » dit Gaspard.

Puis vint Madame Olivier, une dame élégante en manteau violet, avec un chapeau à plumes. Elle ne souriait jamais.

« Le moulin ne livre plus de farine, » murmura Léa.

Ce soir-là, Léa et Gaspard montèrent au moulin. Le meunier, Bastien Faure, un géant aux cheveux roux, les \
attendait sur le seuil.
""",
        {
            "Léa Martin": Told(("white",)),
            "Gaspard Roux": Told((), ("grey beard",)),
            "Madame Olivier": Told(("violet",), ("hat",)),
            "Bastien Faure": Told((), ("red hair",)),
        },
    ),
    Story(
        "pescadora",
        """La Pescadora

Carmen Ruiz, una pescadora de pelo negro con una chaqueta amarilla, salía al mar cada mañana.

Su hermano, Diego Ruiz, un mecánico con gafas redondas, arreglaba el motor del barco. « Otra vez roto, » dijo Diego.

En el puerto esperaba Don Anselmo, un viejo comerciante con un sombrero blanco y una barba blanca.

« El mar está vacío, » susurró Carmen. « Alguien se lleva los peces. »

Esa noche Carmen y Diego vieron un barco sin luces. En la cubierta estaba Marisa Vento, una mujer de abrigo rojo.
""",
        {
            "Carmen Ruiz": Told(("yellow",), ("black hair",)),
            "Diego Ruiz": Told((), ("glasses",)),
            "Don Anselmo": Told(("white",), ("hat", "white beard")),
            "Marisa Vento": Told(("red",)),
        },
    ),
    Story(
        "foret",
        """Au cœur de la forêt vivait Élise Durand, une herboriste. Chaque matin, elle cueillait des plantes près \
de la rivière.

Un jour, son ami Théo Blanchard arriva en courant. « Le vieux chêne est malade, » dit Théo.

Ils allèrent voir Maître Aubert, le garde forestier. Aubert examina l'écorce en silence.

« C'est la faute de Renaud Maillet, » dit enfin Aubert. « Il coupe les arbres la nuit. »

Élise et Théo attendirent Renaud près de la clairière. Quand il arriva, Renaud ricana.
""",
        {},
    ),
    Story(
        "mercado",
        """El mercado de Santa Lucía despertaba despacio. Lucía Paredes abrió su puesto de flores.

A su lado, Tomás Benítez vendía naranjas. « Buenos días, » dijo Tomás.

Más tarde llegó Inés Calderón, la alcaldesa, con sus guardias. « Este mercado cerrará, » anunció Inés.

Lucía buscó a Rafael Ortega, el viejo maestro de la escuela. Rafael escuchó toda la historia.

« Hablaremos con el pueblo, » dijo Rafael. Y esa tarde, Lucía, Tomás y Rafael reunieron a todos en la plaza.
""",
        {},
    ),
    Story(
        "crown",
        """# The Glass Crown

In the kingdom of Varn, Princess Isolde, a girl in a silver gown, dreamed of leaving the palace.

Her tutor, Master Oren, an old scholar with a long white beard, told her stories of the world beyond the walls.

The captain of the guard, Sir Aldric, a broad knight in green armour, watched her every move.

One night a thief named Kestrel, a wiry youth in a brown hood, slipped into the treasury and stole the Glass \
Crown.

Queen Maelis, Isolde's mother, a stern woman in a purple robe, sent Aldric after him. But Isolde slipped out too.

In the forest Isolde met Bramble, a talking fox with a torn ear. "The thief went north," Bramble said.
""",
        {
            "Princess Isolde": Told(("silver",)),
            "Master Oren": Told((), ("white beard",)),
            "Sir Aldric": Told(("green",)),
            "Kestrel": Told(("brown",)),
            # "Queen Maelis, Isolde's mother, a stern woman ...": only ever first in her sentences, not read as anyone.
        },
    ),
    Story(
        "bookshop",
        """The bell above the door rang, and Ada Finch looked up from the counter of her tiny bookshop.

A man in a green felt hat stood in the doorway. He was Professor Hugo Lind, and he wore wire-rimmed spectacles \
and a tweed jacket. "I'm looking for a book that doesn't exist," Hugo said.

Ada's assistant, Rory Blake, dropped a stack of paperbacks. Rory had curly black hair and a nervous laugh.

"Every book exists somewhere," Ada said.

The next morning a woman named Vera Stroud came asking for the same book. Vera wore a long crimson coat.
""",
        {
            # "A man in a green felt hat ... He was Professor Hugo Lind": the hat is told before his name, out of reach.
            "Professor Hugo Lind": Told((), ("spectacles",)),
            "Rory Blake": Told((), ("black hair",)),
            "Vera Stroud": Told(("crimson",)),
        },
    ),
    Story(
        "band",
        """Jonah Reyes played bass in a band nobody had heard of. His sister, Mia Reyes, sang. Their drummer, Otto \
Kray, never spoke.

The night of the contest, the band's manager, Dex Holloway, arrived late. "The judges are here," Dex said.

Mia looked at the crowd and froze. Jonah took her hand. "Just sing," he said.

Otto counted them in. The first chord rang out, and somewhere in the back, a judge named Priya Nand began to \
smile.
""",
        {},
    ),
    Story(
        "harbour",
        """Storm Over Kettle Bay

The fishermen of Kettle Bay said Maren Holt could smell a storm a day away. She was a lean woman with a scarred \
cheek and a yellow oilskin coat.

When the sky turned green, her son Ewan Holt, a boy of twelve with blond hair, ran to fetch her.

The harbourmaster, Gideon Pike, a fat man with a red face and a captain's cap, refused to close the harbour. \
"Nonsense," Gideon said.

Maren went instead to old Sula Venn, a fortune-teller with a blue shawl, who lived at the end of the pier.
""",
        {
            "Maren Holt": Told(("yellow",)),
            "Ewan Holt": Told((), ("blond hair",)),
            "Gideon Pike": Told((), ("cap",)),
            "Sula Venn": Told(("blue",)),
        },
    ),
    Story(
        "heist",
        """**The Midnight Job**

Nobody planned a job like Rosa Quint. She laid the blueprints on the table and looked at her crew.

There was Benny Sato, the safecracker, who had not slept in two days. There was Lark Dimitrov, the driver, \
chewing gum. And there was the new kid, Theo Vance, who had never done this before.

"The Halvorsen vault opens at midnight," Rosa said. "We have nine minutes."

"Nine?" Benny asked. "Last time you said twelve."

Across town, Detective Ivy Marsh was reading a report about a stolen truck. She circled a name: Lark Dimitrov.
""",
        {},
    ),
    Story(
        "cuisine",
        """Le Concours

Chef Antoine Moreau, un homme moustachu en veste noire, dirigeait la meilleure cuisine de Lyon.

Sa rivale, Camille Garnier, une jeune cheffe aux cheveux blonds, portait toujours un foulard rouge.

Le juge, Monsieur Delacroix, un vieil homme à lunettes, goûta la soupe d'Antoine en silence.

« Trop de sel, » dit Delacroix. Camille sourit.

Dans la cuisine, le commis Hugo Petit, un garçon en tablier bleu, laissa tomber une assiette.
""",
        {
            "Chef Antoine Moreau": Told(("black",)),
            "Camille Garnier": Told(("red",), ("blond hair",)),
            "Monsieur Delacroix": Told((), ("glasses",)),
            "Hugo Petit": Told(("blue",)),
        },
    ),
    Story(
        "caravana",
        """La caravana cruzaba el desierto. Al frente iba Samira Haddad, una guía con un pañuelo verde.

Detrás caminaba Jorge Luna, un fotógrafo con sombrero de paja. « ¿Cuánto falta? » preguntó Jorge.

« Dos días, » dijo Samira.

Al anochecer apareció un jinete: Omar Saleh, un hombre de barba negra con una capa azul.

« Hay una tormenta al norte, » dijo Omar. La niña de la caravana, Nadia Saleh, se escondió detrás de Samira.
""",
        {
            "Samira Haddad": Told(("green",)),
            "Jorge Luna": Told((), ("hat",)),
            "Omar Saleh": Told(("blue",), ("black beard",)),
        },
    ),
]
