"""Demo content: the fixed tables the demo generator draws from.

Names (English and Brazilian), email domains, phone area codes and staff; the shop's
catalogue of products and their sizes; how demo returns end (status shares, step
durations, notes) and why (reasons and their texts, conditions, dispositions,
refund methods, channels); and the drop-off points the demo adds. No randomness and
no database here: `desk.demo.plan`, `desk.demo.rows` and `desk.demo.story` draw from
these tables. What the story's messages and feedback say is in `desk.demo.story_content`.

A "`choice` table" is a tuple with each key repeated by its weight, so one uniform
draw picks a key with the weighted probability.
"""

from __future__ import annotations

import enum
from types import SimpleNamespace

from desk import codes
from desk.codes import Status


def _plain(kind: type[enum.Enum]) -> SimpleNamespace:
    """Return the members of `kind` as plain strings.

    The row-drawing loops run ~25% faster on plain str than on enum members; the EnumText
    columns store either the same way.
    """
    return SimpleNamespace(**{member.name: member.value for member in kind})


# Here these names hold plain strings: Reason.DEFECTIVE == "defective", S.CLOSED == "closed".
S = _plain(Status)
Channel, Condition, Disposition = map(_plain, (codes.Channel, codes.Condition, codes.Disposition))
Intake, Reason, RefundMethod = map(_plain, (codes.Intake, codes.Reason, codes.RefundMethod))


def pool(weights: dict) -> tuple:
    """Return the keys of `weights`, each repeated by its (integer) weight: a `choice` table."""
    return tuple(key for key, weight in weights.items() for _ in range(weight))


# -- the shop's catalogue: (SKU stem, description, price in cents, sizes) ----------------

APPAREL, SHOES, ELECTRONICS, HOME = "apparel", "shoes", "electronics", "home"
_LETTER_SIZES = ("XS", "S", "M", "L", "XL")
_WAIST_SIZES = ("28", "30", "32", "34", "36")
_SHOE_SIZES = ("36", "37", "38", "39", "40", "41", "42", "43", "44", "45")

CATALOGUE: dict[str, tuple[tuple[str, str, int, tuple[str, ...]], ...]] = {
    APPAREL: (
        ("TSH-1042", "Organic cotton T-shirt, navy", 1999, _LETTER_SIZES),
        ("TSH-1043", "Organic cotton T-shirt, white", 1999, _LETTER_SIZES),
        ("TSH-1107", "Striped Breton top", 2999, _LETTER_SIZES),
        ("SHR-2210", "Linen shirt, sand", 4999, _LETTER_SIZES),
        ("SHR-2234", "Oxford shirt, light blue", 3999, _LETTER_SIZES),
        ("JNS-3310", "Slim jeans, dark wash", 5999, _WAIST_SIZES),
        ("JNS-3325", "Relaxed jeans, stone", 5499, _WAIST_SIZES),
        ("CHN-3402", "Chino trousers, olive", 4499, _WAIST_SIZES),
        ("DRS-4120", "Wrap dress, floral print", 6999, _LETTER_SIZES),
        ("DRS-4188", "Knitted midi dress, rust", 7999, _LETTER_SIZES),
        ("KNT-5011", "Merino crew-neck jumper, grey", 6999, _LETTER_SIZES),
        ("KNT-5030", "Cable-knit cardigan, cream", 7499, _LETTER_SIZES),
        ("JKT-6003", "Waterproof rain jacket, yellow", 8999, _LETTER_SIZES),
        ("JKT-6045", "Quilted puffer jacket, black", 12999, _LETTER_SIZES),
        ("HOD-6120", "Hoodie, heather grey", 3999, _LETTER_SIZES),
        ("SKT-7014", "Pleated midi skirt, green", 4499, _LETTER_SIZES),
        ("SCF-7201", "Wool scarf, tartan", 2499, ()),
        ("SOC-7310", "Bamboo socks, 3-pack", 1299, ("S", "M", "L")),
        ("BLT-7402", "Leather belt, brown", 2999, ("S", "M", "L")),
    ),
    SHOES: (
        ("SNK-8101", "Canvas sneakers, white", 5499, _SHOE_SIZES),
        ("SNK-8130", "Running shoes, blue/orange", 8999, _SHOE_SIZES),
        ("BOT-8204", "Chelsea boots, brown leather", 11999, _SHOE_SIZES),
        ("BOT-8260", "Hiking boots, waterproof", 13999, _SHOE_SIZES),
        ("SND-8302", "Leather sandals, tan", 4999, _SHOE_SIZES),
        ("LOF-8410", "Suede loafers, navy", 7999, _SHOE_SIZES),
        ("SLP-8501", "Wool slippers, grey", 2999, _SHOE_SIZES),
    ),
    ELECTRONICS: (
        ("HPH-9010", "Wireless over-ear headphones", 12999, ()),
        ("EBD-9022", "True wireless earbuds", 7999, ()),
        ("SPK-9105", "Bluetooth speaker, waterproof", 5999, ()),
        ("PWB-9201", "Power bank 20,000 mAh", 3499, ()),
        ("CHG-9214", "USB-C charger 65 W", 2999, ()),
        ("CBL-9220", "USB-C cable 2 m, braided", 1299, ()),
        ("KBD-9307", "Wireless keyboard, compact", 4999, ()),
        ("MSE-9311", "Ergonomic wireless mouse", 3499, ()),
        ("WTC-9402", "Fitness tracker watch", 8999, ()),
        ("KTL-9510", "Electric kettle 1.7 L", 3999, ()),
        ("TST-9522", "Two-slice toaster, steel", 4499, ()),
        ("HDR-9601", "Hair dryer 2000 W", 3999, ()),
        ("LMP-9705", "LED desk lamp, dimmable", 2999, ()),
    ),
    HOME: (
        ("MUG-1201", "Stoneware mug, set of 2", 1899, ()),
        ("PLT-1215", "Dinner plates, set of 4", 3999, ()),
        ("GLS-1230", "Tumbler glasses, set of 6", 2499, ()),
        ("TWL-1302", "Cotton bath towel, sage", 1999, ()),
        ("BED-1340", "Linen duvet cover, double", 8999, ()),
        ("CSH-1401", "Velvet cushion cover, mustard", 1499, ()),
        ("THR-1410", "Wool throw blanket", 5999, ()),
        ("CND-1502", "Scented candle, fig", 1699, ()),
        ("VAS-1520", "Ceramic vase, speckled", 2799, ()),
        ("PAN-1604", "Non-stick frying pan 28 cm", 3499, ()),
        ("KNF-1620", "Chef's knife 20 cm", 4999, ()),
        ("BOX-1705", "Storage baskets, set of 3", 2999, ()),
        ("FRM-1801", "Picture frame 30x40, oak", 2199, ()),
    ),
}
CATEGORY_SHARES = {APPAREL: 42, SHOES: 18, ELECTRONICS: 22, HOME: 18}
LINE_COUNTS = pool({1: 62, 2: 24, 3: 9, 4: 5})
SERIAL_PREFIX = {"HPH": "HP", "EBD": "EB", "SPK": "SP", "WTC": "FT", "KBD": "KB", "MSE": "MS"}

# -- people -------------------------------------------------------------------------------

EN_FIRST = (
    "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Noah", "Emily",
    "Leo", "Grace", "Arthur", "Sophie", "Charlie", "Lily", "Thomas", "Ella", "James", "Chloé",
    "William", "Evie", "Henry", "Zoë", "Daniel", "Hannah", "Samuel", "Lucy", "Joseph", "Ruby",
    "Michael", "Sarah", "David", "Emma", "Matthew", "Olivia", "Ryan", "Jessica", "Liam",
    "Niamh", "Siân", "Rhys", "Aoife", "Seán", "Renée", "Chris", "Laura", "Ben", "Kate",
)  # fmt: skip
EN_LAST = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harris", "Martin", "Cooper", "King",
    "Baker", "Hughes", "Edwards", "O'Brien", "O'Connor", "Murphy", "McDonald", "Campbell",
    "Kennedy", "Fletcher", "Shaw", "Hunt", "Palmer", "Ellis", "Chapman", "Lloyd", "Brontë",
)  # fmt: skip
PT_FIRST = (
    "João", "Maria", "José", "Ana", "Antônio", "Francisca", "Luís", "Luíza", "Sebastião",
    "Márcia", "Fábio", "Lúcia", "André", "Letícia", "Mônica", "Vitória", "Patrícia", "Flávia",
    "Thaís", "Júlia", "Érica", "Cecília", "Inês", "Conceição", "Caio", "Gustavo", "Rafael",
    "Beatriz", "Larissa", "Camila", "Pedro", "Mateus", "Lucas", "Gabriel", "Felipe", "Bruna",
    "Juliana", "Rodrigo", "Otávio", "Íris", "Raíssa", "Tânia", "Vinícius", "Cauã", "Natália",
)  # fmt: skip
PT_COMPOUND = (
    "Maria Eduarda",
    "João Pedro",
    "Ana Clara",
    "Maria Luíza",
    "João Vítor",
    "Ana Júlia",
    "Pedro Henrique",
    "Luís Otávio",
    "Maria Cecília",
    "José Antônio",
)
PT_LAST = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
    "Lima", "Gomes", "Ribeiro", "Carvalho", "Araújo", "Gonçalves", "Magalhães", "Conceição",
    "Simões", "Brandão", "Falcão", "Guimarães", "Nogueira", "Tavares", "Sá", "Assunção",
    "Romão", "Gusmão", "Antunes", "Barbosa", "Rocha", "Dias", "Nascimento", "Monteiro",
    "Peixoto", "Calado", "Leão", "Cardoso", "Teixeira", "Mendonça", "Galvão", "Estêvão",
)  # fmt: skip
EN_DOMAINS = pool({
    "gmail.com": 40, "outlook.com": 18, "hotmail.co.uk": 10, "yahoo.co.uk": 8,
    "icloud.com": 12, "btinternet.com": 6, "proton.me": 6,
})  # fmt: skip
PT_DOMAINS = pool({
    "gmail.com": 45, "hotmail.com": 18, "uol.com.br": 12, "bol.com.br": 8,
    "terra.com.br": 7, "yahoo.com.br": 6, "outlook.com": 4,
})  # fmt: skip
BR_AREA_CODES = ("11", "21", "31", "41", "51", "61", "71", "81", "85", "19", "48", "27")
CUSTOMER_NOTES = (
    "Prefers to be called after 5 pm.",
    "Loyalty card holder.",
    "Prefere atendimento em português.",
    "Buys gifts for the family; often returns sizes.",
    "Asked not to be contacted on weekends.",
    "Cliente frequente da loja do centro.",
)
STAFF = ("Ana", "Tom", "Priya", "Marcos", "Bea", "Liam", "Sofia", "Grace", "Rui", "Hannah")

# -- how returns go -----------------------------------------------------------------------

STATUS_SHARES: dict[str, int] = {
    S.REQUESTED: 30, S.RECEIVED: 30, S.INSPECTING: 25, S.APPROVED: 25, S.REJECTED: 25,
    S.REFUNDED: 30, S.EXCHANGED: 20, S.CREDITED: 20, S.CANCELLED: 70, S.CLOSED: 725,
}  # fmt: skip
"""Share (per thousand) of the demo returns that end in each status."""

MATURITY: dict[str, float] = {
    S.REQUESTED: 0.0, S.RECEIVED: 0.03, S.INSPECTING: 0.06, S.APPROVED: 0.09,
    S.REJECTED: 0.15, S.REFUNDED: 0.15, S.EXCHANGED: 0.15, S.CREDITED: 0.15,
    S.CANCELLED: 0.3, S.CLOSED: 0.3,
}  # fmt: skip
"""How far along each status is: returns are ranked by this plus noise, and the
least mature get the youngest creation dates, so open returns are mostly recent."""

REFUND_BY_SETTLED = {
    S.REFUNDED: RefundMethod.ORIGINAL,
    S.CREDITED: RefundMethod.STORE_CREDIT,
    S.EXCHANGED: RefundMethod.EXCHANGE,
}

STEP_DAYS: dict[tuple[str, str], tuple[int, int]] = {
    (S.REQUESTED, S.RECEIVED): (1, 10),
    (S.REQUESTED, S.CANCELLED): (5, 30),
    (S.RECEIVED, S.INSPECTING): (0, 2),
    (S.RECEIVED, S.CANCELLED): (0, 5),
    (S.INSPECTING, S.APPROVED): (0, 5),
    (S.INSPECTING, S.REJECTED): (0, 5),
}
"""Days a step takes (inclusive range); steps not listed take 0-3 days, closing 1-14."""

STATUS_NOTES: dict[str, tuple[str, ...]] = {
    S.REJECTED: (
        "Outside the 30-day return window.",
        "Signs of wear beyond trying on.",
        "Serial number does not match our sale.",
        "No proof of purchase and not in our sales records.",
        "Water damage caused after purchase.",
        "Final-sale item; not returnable.",
        "Hygiene item, seal broken.",
    ),
    S.CANCELLED: (
        "Customer decided to keep the item.",
        "Customer withdrew the request by phone.",
        "Duplicate of another return.",
        "Parcel never sent; customer unreachable.",
        "Resolved with a partial discount instead.",
        "Cliente desistiu da devolução.",
    ),
    S.RECEIVED: ("Parcel arrived intact.", "Box slightly dented.", "Brought in by a relative."),
    S.INSPECTING: ("Sent to the workshop for testing.", "Checking all accessories."),
    S.APPROVED: ("Approved by the manager.", "Fault confirmed.", "All parts present."),
    S.REFUNDED: ("Refunded to the original card.", "Refunded in cash.", "Refunded via PIX."),
    S.EXCHANGED: ("Exchanged for the next size.", "Exchanged for the same model."),
    S.CREDITED: ("Voucher emailed to the customer.", "Credit added to the loyalty card."),
    S.CLOSED: ("Customer confirmed receipt.",),
}
CANCELLED_UNSENT = (
    "Customer decided to keep the item.",
    "Parcel never sent; customer unreachable.",
    "Customer withdrew the request by email.",
    "Cliente desistiu da devolução.",
)

REASONS_APPAREL = pool({
    Reason.WRONG_SIZE: 36, Reason.CHANGED_MIND: 18, Reason.DEFECTIVE: 7, Reason.DAMAGED: 6,
    Reason.NOT_AS_DESCRIBED: 12, Reason.WRONG_ITEM: 8, Reason.ARRIVED_LATE: 6, Reason.OTHER: 7,
})  # fmt: skip
REASONS_OTHER = pool({
    Reason.CHANGED_MIND: 26, Reason.DEFECTIVE: 26, Reason.DAMAGED: 12,
    Reason.NOT_AS_DESCRIBED: 12, Reason.WRONG_ITEM: 10, Reason.ARRIVED_LATE: 6, Reason.OTHER: 8,
})  # fmt: skip
REASON_TEXTS: dict[str, tuple[str, ...]] = {
    Reason.WRONG_SIZE: ("Too small across the shoulders.", "Runs large.", "Tamanho não serviu."),
    Reason.DEFECTIVE: (
        "Stops charging after ten minutes.",
        "Left earbud is silent.",
        "Seam came apart after one wash.",
        "Sole detached after a week.",
        "Não liga.",
    ),
    Reason.DAMAGED: ("Arrived with a cracked corner.", "Box crushed in transit.", "Veio riscado."),
    Reason.NOT_AS_DESCRIBED: ("Colour differs from the website photo.", "Not real leather."),
    Reason.WRONG_ITEM: ("Received the white one, ordered navy.", "Wrong size in the box."),
    Reason.CHANGED_MIND: ("Found it cheaper elsewhere.", "Presente repetido."),
    Reason.ARRIVED_LATE: ("Needed it for a trip; came after.", "Chegou depois do aniversário."),
    Reason.OTHER: (
        "Gift; the recipient already has one.",
        "Bought twice by mistake.",
        "Allergic reaction to the fabric.",
        "Comprado em duplicidade.",
        "Doesn't fit the space at home.",
    ),
}


# -- the choice tables the generator draws from ---------------------------------------------


def variants(
    catalogue: dict[str, tuple[tuple[str, str, int, tuple[str, ...]], ...]] = CATALOGUE,
    size_label: str = "size {size}",
) -> tuple[tuple[str, str, str, int], ...]:
    """Return a `choice` table of (category, SKU, description, price), sizes spelled out.

    Categories come up as CATEGORY_SHARES says; products, and sizes, evenly within them.
    `size_label` spells a size ("size M"; "tamanho M" in the Brazilian shop).
    """
    table = []
    for category, products in catalogue.items():
        for stem, description, price, sizes in products:
            kinds = (
                [(stem, description)]
                if not sizes
                else [
                    (f"{stem}-{size}", f"{description}, {size_label.format(size=size)}")
                    for size in sizes
                ]
            )
            weight = round(CATEGORY_SHARES[category] * 500 / len(products) / len(kinds))
            table.extend([(category, sku, text, price) for sku, text in kinds] * weight)
    return tuple(table)


VARIANTS = variants()
EMAIL_STYLES = pool({"{given}.{family}": 40, "{given}{family}": 15, "{initial}.{family}": 15,
                     "number": 15, "year": 15})  # fmt: skip
REFUND_TABLE = pool({RefundMethod.ORIGINAL: 65, RefundMethod.STORE_CREDIT: 20,
                     RefundMethod.EXCHANGE: 15})  # fmt: skip
SETTLED_TABLE = pool({S.REFUNDED: 60, S.CREDITED: 20, S.EXCHANGED: 20})
OTHER_CONDITIONS = pool({Condition.UNOPENED: 4, Condition.OPENED: 4,
                         Condition.DAMAGED: 1, Condition.DEFECTIVE: 1})  # fmt: skip
BROKEN_DISPOSITIONS = {  # (condition, electronic?) -> what is done with it
    (Condition.DEFECTIVE, True): pool({Disposition.REFURBISH: 3, Disposition.RECYCLE: 2}),
    (Condition.DEFECTIVE, False): pool({Disposition.DISCARD: 11, Disposition.RECYCLE: 9}),
    (Condition.DAMAGED, True): pool({Disposition.RECYCLE: 3, Disposition.REFURBISH: 2}),
    (Condition.DAMAGED, False): pool(
        {Disposition.DONATE: 7, Disposition.DISCARD: 7, Disposition.RECYCLE: 6}
    ),
}
CHANNELS = {  # (has email, has phone) -> preferred channel
    (email, phone): pool(
        {Channel.EMAIL: 55 * email, Channel.SMS: 25 * phone, Channel.PRINT: 12, Channel.NONE: 8}
    )
    for email in (False, True)
    for phone in (False, True)
}

# -- drop-off points -------------------------------------------------------------------------

DEMO_DROPOFF_POINTS: tuple[dict, ...] = (
    dict(
        name="Ecoponto Vila Mariana",
        address="Rua Dr. Fabrício Vampré 120, Vila Mariana, São Paulo",
        hours="Mon–Sat 6:00–22:00, Sun 6:00–18:00",
        accepts_recycling=True,
        categories="electronics, batteries, cardboard, plastic packaging",
    ),
    dict(
        name="Bazar Solidário Casa Esperança",
        address="Av. Jabaquara 1800, São Paulo",
        hours="Tue–Sat 9:00–17:00",
        accepts_donation=True,
        accepts_reuse=True,
        categories="clothes, shoes, toys, small appliances",
    ),
    dict(
        name="Repair Café Pinheiros",
        address="Rua dos Pinheiros 500, São Paulo",
        hours="First Saturday of the month, 10:00–14:00",
        accepts_reuse=True,
        categories="electronics, small appliances, bikes",
        notes="Volunteers repair items for free; bring the charger if there is one.",
    ),
    dict(
        name="Descarte Certo – Shopping Eldorado",
        address="Av. Rebouças 3970, São Paulo (garage level G1)",
        hours="Every day 10:00–22:00",
        accepts_recycling=True,
        categories="batteries, phones, light bulbs",
    ),
)
"""Drop-off points the demo adds when the shop has none yet."""
