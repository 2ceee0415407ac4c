"""Demo content for a Brazilian shop: the tables `returndesk demo --locale pt_BR` draws from.

A shop in São Paulo that sells what the English demo sells (the same SKU stems and
categories), named in Portuguese, priced in reais (R$ 79,90) and sized as Brazilian
labels are (PP to GG, 38 to 46, shoes 34 to 43); the texts staff and customers typed
(reasons, notes), the staff's names, the area codes of its customers' phones, the
São Paulo drop-off points and the shop's settings. Names and email domains are those of
`desk.demo.content`. This is data, not the desk's words: nothing here goes through
gettext. No randomness and no database here: `desk.demo.shops` puts it together.
"""

from __future__ import annotations

from desk.demo.content import APPAREL, ELECTRONICS, HOME, SHOES, S, pool
from desk.demo.content import Reason as R

_LETTER = ("PP", "P", "M", "G", "GG")
_WAIST = ("38", "40", "42", "44", "46")
_SHOE = ("34", "35", "36", "37", "38", "39", "40", "41", "42", "43")
_PMG = ("P", "M", "G")

CATALOGUE: dict[str, tuple[tuple[str, str, int, tuple[str, ...]], ...]] = {
    APPAREL: (
        ("TSH-1042", "Camiseta algodão orgânico, marinho", 7990, _LETTER),
        ("TSH-1043", "Camiseta algodão orgânico, branca", 7990, _LETTER),
        ("TSH-1107", "Blusa listrada navy", 11990, _LETTER),
        ("SHR-2210", "Camisa de linho, areia", 19990, _LETTER),
        ("SHR-2234", "Camisa oxford, azul-claro", 15990, _LETTER),
        ("JNS-3310", "Jeans skinny, lavagem escura", 21990, _WAIST),
        ("JNS-3325", "Jeans reto, lavagem clara", 19990, _WAIST),
        ("CHN-3402", "Calça chino, oliva", 17990, _WAIST),
        ("DRS-4120", "Vestido envelope, floral", 25990, _LETTER),
        ("DRS-4188", "Vestido midi tricô, terracota", 28990, _LETTER),
        ("KNT-5011", "Suéter lã merino, cinza", 26990, _LETTER),
        ("KNT-5030", "Cardigã tricô trançado, cru", 27990, _LETTER),
        ("JKT-6003", "Capa de chuva, amarela", 32990, _LETTER),
        ("JKT-6045", "Jaqueta puffer, preta", 44990, _LETTER),
        ("HOD-6120", "Moletom com capuz, mescla", 15990, _LETTER),
        ("SKT-7014", "Saia midi plissada, verde", 16990, _LETTER),
        ("SCF-7201", "Cachecol de lã xadrez", 8990, ()),
        ("SOC-7310", "Meias de bambu, kit com 3", 4990, _PMG),
        ("BLT-7402", "Cinto de couro, marrom", 11990, _PMG),
    ),
    SHOES: (
        ("SNK-8101", "Tênis de lona, branco", 19990, _SHOE),
        ("SNK-8130", "Tênis de corrida, azul/laranja", 39990, _SHOE),
        ("BOT-8204", "Bota chelsea, couro marrom", 49990, _SHOE),
        ("BOT-8260", "Bota de trilha impermeável", 54990, _SHOE),
        ("SND-8302", "Sandália de couro, caramelo", 17990, _SHOE),
        ("LOF-8410", "Mocassim de camurça, marinho", 29990, _SHOE),
        ("SLP-8501", "Pantufa de lã, cinza", 9990, _SHOE),
    ),
    ELECTRONICS: (
        ("HPH-9010", "Headphone sem fio", 59990, ()),
        ("EBD-9022", "Fone sem fio TWS", 29990, ()),
        ("SPK-9105", "Caixa de som Bluetooth", 24990, ()),
        ("PWB-9201", "Power bank 20.000 mAh", 14990, ()),
        ("CHG-9214", "Carregador USB-C 65 W", 12990, ()),
        ("CBL-9220", "Cabo USB-C 2 m, trançado", 4990, ()),
        ("KBD-9307", "Teclado sem fio compacto", 19990, ()),
        ("MSE-9311", "Mouse sem fio ergonômico", 14990, ()),
        ("WTC-9402", "Relógio fitness", 39990, ()),
        ("KTL-9510", "Chaleira elétrica 1,7 L, 127 V", 16990, ()),
        ("TST-9522", "Torradeira inox, 2 fatias", 18990, ()),
        ("HDR-9601", "Secador de cabelo 2000 W", 17990, ()),
        ("LMP-9705", "Luminária LED de mesa", 12990, ()),
    ),
    HOME: (
        ("MUG-1201", "Par de canecas de cerâmica", 6990, ()),
        ("PLT-1215", "Jogo de 4 pratos rasos", 15990, ()),
        ("GLS-1230", "Jogo de 6 copos", 8990, ()),
        ("TWL-1302", "Toalha de banho, sálvia", 7990, ()),
        ("BED-1340", "Capa de edredom linho, casal", 34990, ()),
        ("CSH-1401", "Capa de almofada, mostarda", 5990, ()),
        ("THR-1410", "Manta de lã", 22990, ()),
        ("CND-1502", "Vela aromática, figo", 6990, ()),
        ("VAS-1520", "Vaso de cerâmica", 10990, ()),
        ("PAN-1604", "Frigideira antiaderente 28 cm", 14990, ()),
        ("KNF-1620", "Faca do chef 20 cm", 19990, ()),
        ("BOX-1705", "Kit 3 cestos organizadores", 11990, ()),
        ("FRM-1801", "Porta-retrato 30x40, carvalho", 8990, ()),
    ),
}
"""The shop's products per category: (SKU stem, name, price in centavos, sizes)."""

HYGIENE: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("TBH-2101", "Refil escova elétrica, 4 un.", 8990, ()),
    ("RZR-2120", "Lâminas de barbear, 10 un.", 3990, ()),
    ("EPT-2140", "Ponteiras para fone, 3 tam.", 3990, ()),
    ("SWM-2160", "Sunga, azul-marinho", 9990, _PMG),
    ("UND-2180", "Kit 3 cuecas de algodão", 7990, _PMG),
    ("MSK-2201", "Máscaras faciais, 5 un.", 5990, ()),
)
"""Sold, never returned (hygiene): see `desk.demo.catalogue.HYGIENE`."""

SIZE_LABEL = "tamanho {size}"
CATEGORY_NAMES = {
    APPAREL: "Vestuário",
    SHOES: "Calçados",
    ELECTRONICS: "Eletrônicos",
    HOME: "Casa",
    "personal care": "Higiene pessoal",
}
"""What the shop's till calls each category (stored as the products' category)."""
FASHION_PREFIX, HOME_PREFIX = "7896541", "7893210"
"""GS1 Brasil company prefixes (789…) of the shop's suppliers of clothes and shoes, and of
home goods; the imported electronics keep their UPC-A."""

AREA_CODES = pool({
    "11": 72, "19": 5, "12": 4, "13": 4, "15": 3, "21": 5, "31": 3, "41": 2, "51": 1, "71": 1,
})  # fmt: skip
"""The area codes of the customers' mobiles: most from the city of São Paulo (11)."""

CUSTOMER_NOTES = (
    "Prefere receber ligação depois das 17h.",
    "Tem cartão fidelidade.",
    "Prefere atendimento em inglês.",
    "Compra presentes para a família; troca tamanhos com frequência.",
    "Pediu para não ser contatada nos fins de semana.",
    "Cliente frequente da loja.",
)
STAFF = ("Ana", "Thiago", "Priscila", "Marcos", "Bia", "Diego", "Sofia", "Juliana", "Rui", "Camila")

STATUS_NOTES: dict[str, tuple[str, ...]] = {
    S.REJECTED: (
        "Fora do prazo de devolução de 30 dias.",
        "Sinais de uso além da prova.",
        "O número de série não confere com a nossa venda.",
        "Sem cupom fiscal e sem registro da venda.",
        "Dano por água depois da compra.",
        "Item de liquidação, sem devolução.",
        "Item de higiene com o lacre rompido.",
    ),
    S.CANCELLED: (
        "A cliente decidiu ficar com o produto.",
        "O cliente desistiu do pedido por telefone.",
        "Duplicada de outra devolução.",
        "Pacote nunca enviado; cliente sem contato.",
        "Resolvido com um desconto parcial.",
        "Cliente desistiu da devolução.",
    ),
    S.RECEIVED: ("Pacote chegou intacto.", "Caixa levemente amassada.", "Trazido por um parente."),
    S.INSPECTING: ("Enviado à assistência técnica para teste.", "Conferindo todos os acessórios."),
    S.APPROVED: ("Aprovada pela gerente.", "Defeito confirmado.", "Todas as peças presentes."),
    S.REFUNDED: ("Estornado no cartão.", "Reembolsado em dinheiro.", "Reembolsado via Pix."),
    S.EXCHANGED: ("Trocado pelo tamanho seguinte.", "Trocado pelo mesmo modelo."),
    S.CREDITED: ("Vale-troca enviado por e-mail.", "Crédito lançado no cartão fidelidade."),
    S.CLOSED: ("Cliente confirmou o recebimento.",),
}
CANCELLED_UNSENT = (
    "A cliente decidiu ficar com o produto.",
    "Pacote nunca enviado; cliente sem contato.",
    "O cliente desistiu do pedido por e-mail.",
    "Cliente desistiu da devolução.",
)

REASON_TEXTS: dict[str, tuple[str, ...]] = {
    R.WRONG_SIZE: ("Ficou apertado nos ombros.", "Veste grande.", "Tamanho não serviu."),
    R.DEFECTIVE: (
        "Para de carregar depois de dez minutos.",
        "O fone esquerdo não sai som.",
        "A costura abriu na primeira lavagem.",
        "A sola descolou em uma semana.",
        "Não liga.",
    ),
    R.DAMAGED: ("Chegou com o canto trincado.", "Caixa amassada no transporte.", "Veio riscado."),
    R.NOT_AS_DESCRIBED: ("A cor é diferente da foto do site.", "Não é couro legítimo."),
    R.WRONG_ITEM: ("Recebi o branco, pedi o azul-marinho.", "Veio o tamanho errado na caixa."),
    R.CHANGED_MIND: ("Achei mais barato em outro lugar.", "Presente repetido."),
    R.ARRIVED_LATE: ("Precisava para uma viagem; chegou depois.", "Chegou depois do aniversário."),
    R.OTHER: (
        "Presente; a pessoa já tinha um.",
        "Comprei duas vezes sem querer.",
        "Tive alergia ao tecido.",
        "Comprado em duplicidade.",
        "Não coube no espaço de casa.",
    ),
}

DROPOFF_POINTS: tuple[dict, ...] = (
    dict(
        name="Ecoponto Vila Mariana",
        address="Rua Dr. Fabrício Vampré, 120 – Vila Mariana, São Paulo – SP",
        hours="Seg–Sáb 6:00–22:00, Dom 6:00–18:00",
        accepts_recycling=True,
        categories="eletrônicos, pilhas e baterias, papelão, embalagens plásticas",
    ),
    dict(
        name="Bazar Solidário Casa Esperança",
        address="Av. Jabaquara, 1800 – Saúde, São Paulo – SP",
        hours="Ter–Sáb 9:00–17:00",
        accepts_donation=True,
        accepts_reuse=True,
        categories="roupas, calçados, brinquedos, pequenos eletrodomésticos",
    ),
    dict(
        name="Repair Café Pinheiros",
        address="Rua dos Pinheiros, 500 – Pinheiros, São Paulo – SP",
        hours="Primeiro sábado do mês, 10:00–14:00",
        accepts_reuse=True,
        categories="eletrônicos, pequenos eletrodomésticos, bicicletas",
        notes="Voluntários consertam os itens de graça; traga o carregador, se tiver.",
    ),
    dict(
        name="Descarte Certo – Shopping Eldorado",
        address="Av. Rebouças, 3970 – Pinheiros, São Paulo – SP (piso G1 da garagem)",
        hours="Todos os dias 10:00–22:00",
        accepts_recycling=True,
        categories="pilhas e baterias, celulares, lâmpadas",
    ),
)
"""The São Paulo drop-off points, in the words the shop would type (the sheet puts the
day names and goods it knows into each customer's language)."""

SHOP_SETTINGS: dict[str, object] = {
    "shop.name": "Loja Ipê",
    "shop.email": "contato@lojaipe.com.br",
    "shop.phone": "(11) 3081-4520",
    "shop.address": "Rua Harmonia, 482 – Vila Madalena\nSão Paulo – SP, 05435-000",
    "shop.hours": "Seg–Sex 10:00–20:00\nSáb 10:00–18:00\nDom e feriados fechado",
    "shop.currency": "BRL",
    "shop.locale": "pt_BR",
    "shop.country": "BR",
}
"""The shop's settings by key: a shop in Vila Madalena, reais, customers spoken to in
Portuguese, phone numbers read as Brazilian ones."""

SEND_ERRORS = {
    "email": (
        "O servidor de e-mail recusou o endereço {recipient}. Confira o e-mail do cliente.",
        "Tempo esgotado: o servidor de e-mail não respondeu a tempo.",
    ),
    "sms": (
        "O provedor de SMS recusou a mensagem (400): o número {recipient} não é um telefone "
        "válido.",
        "O provedor de SMS está ocupado ou com falha (503): serviço indisponível.",
    ),
}
"""Why a demo message failed, as `desk.demo.story_content.SEND_ERRORS` says it in English."""
