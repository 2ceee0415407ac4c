"""Which column of a product or sales export fills which field, for the tills shops use.

A file is first compared with the published exports (`PRODUCT_FORMATS`, `SALE_FORMATS`):
when its header has a format's distinctive columns, that format's own column names are
used, so "Name" in a Shopify orders export is the order number and not a product name.
Any other file is read by plain English or Portuguese names (`sku`, `codigo`, `descricao`,
`preco`, `cupom`, `nota fiscal`, `data`…). `--map field=COLUMN` corrects either guess.
The name matching itself is desk.csv_columns, shared with the customer import.

Where the column lists come from (each format's published export, checked 2026-12):
- Square item library export: Square Support "Import or export your item library"
  (squareup.com/help, article 5153) — Token, Item Name, Variation Name, SKU, Description,
  Categories / Category, Reporting Category, GTIN, Price, Option Name/Value…;
- Square transactions › item details export: Date, Time, Time Zone, Category, Item, Qty,
  Price Point Name, SKU, Modifiers Applied, Gross Sales, Discounts, Net Sales, Tax,
  Transaction ID, Payment ID, Device Name, Notes, Details, Event Type, Location, Dining
  Option, Customer ID, Customer Name, Customer Reference ID, Unit, Count, GTIN,
  Itemization Type, Fulfillment Note, Channel, Token;
- Shopify products export: Shopify Help Center "Using CSV files to import and export
  products" (help.shopify.com/en/manual/products/import-export/using-csv) — Handle (newer
  exports: URL handle), Title, Body (HTML), Vendor, Product Category, Type, Tags,
  Option1 Name/Value…, Variant SKU (SKU), Variant Price (Price), Variant Barcode (Barcode)…;
- Shopify orders export: Shopify Help Center "Exporting orders" — Name (#1001), Email,
  Financial Status, Paid at, Currency, Subtotal, Discount Code, Discount Amount, Created
  at, Lineitem quantity, Lineitem name, Lineitem price, Lineitem compare at price,
  Lineitem sku, Lineitem discount, Billing Phone, Shipping Phone, Phone, Receipt Number…;
  one row per line item, the order's own cells filled on its first row;
- Lightspeed Retail (R-Series) item export: Lightspeed Retail Support "Formatting item
  import files" — System ID, UPC, EAN, Custom SKU, Manufact. SKU, Description (Item),
  Price / Default - Price, MSRP, Default Cost, Category, Subcategory 1…, Brand, Vendor;
- Lightspeed Retail sales lines: no published CSV header was found; the columns follow
  the R-Series report's item columns above and the API's SaleLine fields (saleID,
  unitQuantity, unitPrice, calcLineDiscount): Sale ID, Date, Customer, Email, Phone,
  System ID, Custom SKU, UPC, EAN, Description, Qty, Unit Price, Discount, Total.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desk.csv_columns import (
    ImportField,
    TillFormat,
    apply_options,
    describe_columns,
    format_columns,
    guess_columns,
    recognise,
)
from desk.errors import DeskError
from desk.i18n.catalog import N_, _

PRODUCT_FIELDS: tuple[ImportField, ...] = (
    ImportField("sku", N_("SKU")),
    ImportField("name", N_("Name"), required=True),
    ImportField("variant", N_("Variant")),
    ImportField("variant_2", N_("Second option")),
    ImportField("variant_3", N_("Third option")),
    ImportField("price", N_("Price")),
    ImportField("category", N_("Category")),
    ImportField("category_2", N_("Category (when the first is empty)")),
    ImportField("barcode", N_("Barcode")),
    ImportField("barcode_2", N_("Second barcode")),
    ImportField("returnable", N_("Returnable")),
    ImportField("external_ref", N_("Till product id")),
    ImportField("group", N_("Product group (rows of one product's variants)")),
)
SALE_FIELDS: tuple[ImportField, ...] = (
    ImportField("receipt", N_("Receipt or order number"), required=True),
    ImportField("sold_at", N_("Date"), required=True),
    ImportField("time", N_("Time")),
    ImportField("email", N_("Customer email")),
    ImportField("phone", N_("Customer phone")),
    ImportField("phone_2", N_("Customer phone (when the first is empty)")),
    ImportField("customer_ref", N_("Till customer id")),
    ImportField("sku", N_("SKU")),
    ImportField("barcode", N_("Barcode")),
    ImportField("barcode_2", N_("Second barcode")),
    ImportField("product_ref", N_("Till product id")),
    ImportField("description", N_("Description")),
    ImportField("variant", N_("Variant")),
    ImportField("quantity", N_("Quantity")),
    ImportField("unit_price", N_("Unit price (before discounts)")),
    ImportField("discount", N_("Line discount")),
    ImportField("gross", N_("Line total before discounts")),
    ImportField("net", N_("Line total paid")),
    ImportField("order_discount", N_("Order discount")),
    ImportField("currency", N_("Currency")),
    ImportField("kind", N_("Payment or refund")),
)
PRODUCT_KEYS = tuple(f.key for f in PRODUCT_FIELDS)
SALE_KEYS = tuple(f.key for f in SALE_FIELDS)

_PRODUCT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "sku": (
        "sku", "item code", "product code", "article number", "code", "ref", "reference",
        "codigo", "cod", "codigo do produto", "cod produto", "codigo interno", "referencia",
    ),
    "name": (
        "name", "product", "product name", "item", "item name", "title", "description",
        "nome", "produto", "nome do produto", "descricao", "descricao do produto", "artigo",
    ),
    "variant": ("variant", "variation", "option", "size", "variante", "variacao", "tamanho"),
    "price": (
        "price", "unit price", "retail price", "sale price", "selling price", "preco",
        "preco de venda", "preco unitario", "valor", "valor unitario", "valor de venda",
    ),
    "category": (
        "category", "department", "product type", "type", "categoria", "departamento",
        "grupo", "secao", "tipo",
    ),
    "barcode": (
        "barcode", "bar code", "ean", "ean13", "ean 13", "gtin", "upc", "codigo de barras",
        "cod barras", "cod de barras",
    ),
    "returnable": (
        "returnable", "can be returned", "accepts returns", "devolvivel", "aceita devolucao",
        "pode devolver",
    ),
    "external_ref": ("product id", "item id", "id", "id do produto"),
}  # fmt: skip

_SALE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "receipt": (
        "receipt", "receipt number", "receipt no", "order", "order number", "order no",
        "invoice", "invoice number", "transaction", "transaction id", "sale", "sale id",
        "sale number", "cupom", "cupom fiscal", "numero do cupom", "nota", "nota fiscal", "nf",
        "nfe", "nfce", "numero da nota", "pedido", "numero do pedido", "venda",
        "numero da venda", "recibo",
    ),
    "sold_at": (
        "date", "sale date", "order date", "sold at", "sold on", "created at", "date time",
        "data", "data da venda", "data do pedido", "data de emissao", "emissao", "data hora",
    ),
    "time": ("time", "hora", "horario"),
    "email": ("email", "e mail", "customer email", "email do cliente", "e mail do cliente"),
    "phone": (
        "phone", "telephone", "mobile", "customer phone", "telefone", "celular", "fone",
        "telefone do cliente", "celular do cliente", "whatsapp",
    ),
    "sku": (
        "sku", "item code", "product code", "code", "ref", "codigo", "cod",
        "codigo do produto", "cod produto", "referencia",
    ),
    "barcode": (
        "barcode", "ean", "gtin", "upc", "codigo de barras", "cod barras",
    ),
    "description": (
        "description", "item", "item name", "product", "product name", "descricao",
        "produto", "nome do produto", "descricao do produto", "item description",
    ),
    "variant": ("variant", "variation", "size", "variante", "tamanho"),
    "quantity": ("quantity", "qty", "units", "quantidade", "qtd", "qtde", "quant"),
    "unit_price": (
        "price", "unit price", "preco", "preco unitario", "valor unitario", "vl unitario",
    ),
    "discount": ("discount", "line discount", "desconto", "desconto do item"),
    "net": (
        "net", "net total", "net sales", "line total", "total", "amount paid", "paid",
        "valor total", "total da linha", "valor pago", "total liquido", "valor liquido",
    ),
    "order_discount": ("order discount", "desconto do pedido", "desconto da venda"),
    "currency": ("currency", "moeda"),
}  # fmt: skip

PRODUCT_FORMATS: tuple[TillFormat, ...] = (
    TillFormat(
        name=N_("Square item library export"),
        source="square",
        signature=("Token", "Item Name", "Variation Name"),
        columns={
            "sku": ("SKU",), "name": ("Item Name",), "variant": ("Variation Name",),
            "price": ("Price",), "category": ("Categories", "Category", "Reporting Category"),
            "barcode": ("GTIN",), "external_ref": ("Token",),
        },
    ),
    TillFormat(
        name=N_("Shopify products export"),
        source="shopify",
        signature=("Handle", "Title", "Variant SKU"),
        columns={
            "group": ("Handle",), "name": ("Title",), "sku": ("Variant SKU",),
            "variant": ("Option1 Value",), "variant_2": ("Option2 Value",),
            "variant_3": ("Option3 Value",), "price": ("Variant Price",),
            "category": ("Type",), "category_2": ("Product Category",),
            "barcode": ("Variant Barcode",),
        },
    ),
    TillFormat(  # the newer export's names ("URL handle", "SKU", "Option1 value")
        name=N_("Shopify products export"),
        source="shopify",
        signature=("URL handle", "Title", "Option1 value"),
        columns={
            "group": ("URL handle",), "name": ("Title",), "sku": ("SKU", "Variant SKU"),
            "variant": ("Option1 value",), "variant_2": ("Option2 value",),
            "variant_3": ("Option3 value",), "price": ("Price", "Variant Price"),
            "category": ("Type",), "category_2": ("Product category", "Product Category"),
            "barcode": ("Barcode", "Variant Barcode"),
        },
    ),
    TillFormat(
        name=N_("Lightspeed Retail item export"),
        source="lightspeed",
        signature=("System ID", "Custom SKU", "Manufact. SKU"),
        columns={
            "sku": ("Custom SKU",), "name": ("Description", "Item"),
            "price": ("Price", "Default - Price", "Default Price", "MSRP"),
            "category": ("Category",), "barcode": ("UPC",), "barcode_2": ("EAN",),
            "external_ref": ("System ID",),
        },
    ),
)  # fmt: skip

SALE_FORMATS: tuple[TillFormat, ...] = (
    TillFormat(
        name=N_("Square item details export"),
        source="square",
        signature=("Transaction ID", "Price Point Name", "Gross Sales", "Net Sales"),
        columns={
            "receipt": ("Transaction ID",), "sold_at": ("Date",), "time": ("Time",),
            "customer_ref": ("Customer ID",), "sku": ("SKU",), "barcode": ("GTIN",),
            "product_ref": ("Token",), "description": ("Item",),
            "variant": ("Price Point Name",), "quantity": ("Qty",), "gross": ("Gross Sales",),
            "discount": ("Discounts",), "net": ("Net Sales",), "kind": ("Event Type",),
        },
    ),
    TillFormat(
        name=N_("Shopify orders export"),
        source="shopify",
        signature=("Name", "Lineitem quantity", "Lineitem name"),
        columns={
            "receipt": ("Name",), "sold_at": ("Created at", "Paid at"), "email": ("Email",),
            "phone": ("Phone",), "phone_2": ("Billing Phone", "Shipping Phone"),
            "sku": ("Lineitem sku",), "description": ("Lineitem name",),
            "quantity": ("Lineitem quantity",), "unit_price": ("Lineitem price",),
            "discount": ("Lineitem discount",), "order_discount": ("Discount Amount",),
            "currency": ("Currency",),
        },
    ),
    TillFormat(
        name=N_("Lightspeed Retail sales lines export"),
        source="lightspeed",
        signature=("Sale ID", "System ID", "Custom SKU"),
        columns={
            "receipt": ("Sale ID",), "sold_at": ("Date", "Sale Date", "Time Stamp"),
            "email": ("Email", "Customer Email"), "phone": ("Phone", "Customer Phone"),
            "phone_2": ("Mobile",), "sku": ("Custom SKU",), "barcode": ("UPC",),
            "barcode_2": ("EAN",), "product_ref": ("System ID",),
            "description": ("Description", "Item"), "quantity": ("Qty", "Quantity"),
            "unit_price": ("Unit Price", "Price"), "discount": ("Discount",),
            "net": ("Total",),
        },
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Columns:
    """What fills each field in one file: the mapping and the till format recognised."""

    header: tuple[str, ...]
    mapping: dict[str, int]
    till: TillFormat | None
    keys: tuple[str, ...]

    @property
    def format_name(self) -> str:
        """The export recognised ("Shopify orders export"), or a plain description."""
        return _(self.till.name) if self.till else _("a CSV file with named columns")

    @property
    def source(self) -> str:
        """The short name stored with what the file imports: square, shopify… or csv."""
        return self.till.source if self.till else "csv"

    def describe(self) -> str:
        """The line a dry run prints: the format and which column fills which field."""
        fields = describe_columns(self.header, self.mapping, self.keys) or _("none recognised")
        return _("Read as {format}. Columns: {fields}").format(
            format=self.format_name, fields=fields
        )


def product_columns(header: Sequence[str], options: Iterable[str] = ()) -> Columns:
    """The columns of a product export (recognised, or guessed by name), then `--map`."""
    return _columns(header, options, PRODUCT_FORMATS, _PRODUCT_SYNONYMS, PRODUCT_FIELDS)


def sale_columns(header: Sequence[str], options: Iterable[str] = ()) -> Columns:
    """The columns of a sales export (recognised, or guessed by name), then `--map`."""
    return _columns(header, options, SALE_FORMATS, _SALE_SYNONYMS, SALE_FIELDS)


def _columns(header, options, formats, synonyms, fields) -> Columns:
    keys = tuple(f.key for f in fields)
    till = recognise(header, formats)
    guessed = format_columns(header, till) if till else guess_columns(header, synonyms)
    mapping = apply_options(header, guessed, options, keys)
    columns = Columns(tuple(header), mapping, till, keys)
    missing = [f for f in fields if f.required and f.key not in mapping]
    if missing:
        needed = ", ".join(
            f.key if f.key == _(f.label).lower() else f"{f.key} ({_(f.label).lower()})"
            for f in missing
        )
        raise DeskError(
            _(
                "No column found for {fields}: name it with --map field=COLUMN "
                "(the file's columns are: {columns}). Nothing was imported."
            ).format(fields=needed, columns=", ".join(header))
        )
    return columns


__all__ = [
    "PRODUCT_FIELDS",
    "PRODUCT_FORMATS",
    "PRODUCT_KEYS",
    "SALE_FIELDS",
    "SALE_FORMATS",
    "SALE_KEYS",
    "Columns",
    "product_columns",
    "sale_columns",
]
