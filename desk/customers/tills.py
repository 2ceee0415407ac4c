"""The customer exports of the tills small shops use: Square, Shopify, Lightspeed Retail.

Each `TillFormat` names the columns its export publishes, which of them fill a customer
field (`columns`), the rest that the desk has no field for (`others`, left out quietly),
and the columns that tell the export apart (`signatures`: any one set, all present).
`desk.customers.mapping.till_format` recognises a header with them and `guess_mapping`
then maps those columns by their published names, with no --map needed.

A field may name several columns: the first one the file has is used. Names are compared
as `mapping.plain_text` writes them (no case, accents or punctuation).
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.i18n.catalog import N_


@dataclass(frozen=True)
class TillFormat:
    """One till's customer export: what it is called and what its columns hold."""

    key: str
    label: str  # what the dry run and the import window say was recognised
    columns: dict[str, tuple[str, ...]]  # our field key -> the export's column names
    others: tuple[str, ...]  # published columns the desk has no field for
    signatures: tuple[tuple[str, ...], ...]  # any one of these, all present: this export

    def known(self) -> tuple[str, ...]:
        """Every published column of this export, mapped or not."""
        return (*(name for names in self.columns.values() for name in names), *self.others)


# Square Customer Directory, Customers > Import/Export > Export customers (a CSV).
# Sources: Square Support "Import Customers Online" (squareup.com/help/us/en/article/6632:
# the directory's template and its "Email Subscription Status" column) and "Manage your
# Customer Directory online" (article 5498); the export's full header as read by public
# Square-export importers (e.g. the SquareCustomerRow record of YukiiiNot/mgf_env_dotnet,
# and scripts reading "Square Customer ID", "First Visit", "Creation Date").
SQUARE = TillFormat(
    key="square",
    label=N_("Square customers export"),
    columns={
        "first_name": ("First Name",),
        "last_name": ("Last Name",),
        "email": ("Email Address",),
        "phone": ("Phone Number",),
        "external_ref": ("Square Customer ID",),
        "customer_since": ("First Visit", "Creation Date"),
        "orders_count": ("Transaction Count",),
        "lifetime_spend": ("Lifetime Spend",),
        "notes": ("Memo",),
    },
    others=(
        "Reference ID", "Nickname", "Company Name", "Street Address 1", "Street Address 2",
        "City", "State", "Postal Code", "Birthday", "Creation Source", "Last Visit",
        "Email Subscription Status", "Instant Profile", "Groups",
    ),
    signatures=(("Square Customer ID",), ("Email Address", "Transaction Count", "First Visit")),
)  # fmt: skip

# Shopify admin, Customers > Export (a CSV "for Excel, Numbers or other spreadsheets").
# Source: Shopify Help Center "Using CSV files to import and export customers" (the
# customer CSV file format; help.shopify.com/en/manual/customers/import-export-customers),
# older exports' names ("Company", "Address1", "Accepts Marketing") as in its earlier
# template. Phones are often written '+5511… with a leading apostrophe (kept as text by
# spreadsheets); `Phone` is the customer's, `Default Address Phone` the address's.
SHOPIFY = TillFormat(
    key="shopify",
    label=N_("Shopify customers export"),
    columns={
        "first_name": ("First Name",),
        "last_name": ("Last Name",),
        "email": ("Email",),
        "phone": ("Phone",),
        "phone_2": ("Default Address Phone",),
        "external_ref": ("Customer ID",),
        "orders_count": ("Total Orders",),
        "lifetime_spend": ("Total Spent",),
        "notes": ("Note",),
    },
    others=(
        "Accepts Email Marketing", "Accepts SMS Marketing", "Accepts Marketing",
        "Default Address Company", "Default Address Address1", "Default Address Address2",
        "Default Address City", "Default Address Province Code",
        "Default Address Country Code", "Default Address Zip", "Company", "Address1",
        "Address2", "City", "Province", "Province Code", "Country", "Country Code", "Zip",
        "Tax Exempt", "Tags",
    ),
    signatures=(("Total Spent", "Total Orders"), ("Default Address Phone",)),
)  # fmt: skip

# Lightspeed Retail (X-Series, formerly Vend), Customers > Export / the customer import
# CSV, whose columns are the API's customer fields. Sources: Lightspeed X-Series help
# "Importing customers" (the customer CSV template), the X-Series API Customer object
# (first_name, last_name, email, phone, mobile, customer_code; apis.io lightspeed-pos
# retail-x-series-customer), and public Vend integrations posting the same fields.
LIGHTSPEED = TillFormat(
    key="lightspeed",
    label=N_("Lightspeed Retail (X-Series) customers export"),
    columns={
        "first_name": ("first_name",),
        "last_name": ("last_name",),
        "email": ("email",),
        "phone": ("mobile",),
        "phone_2": ("phone",),
        "external_ref": ("customer_code",),
        "notes": ("note",),
    },
    others=(
        "customer_id", "name", "company_name", "fax", "website", "twitter", "date_of_birth",
        "sex", "physical_address1", "physical_address2", "physical_suburb", "physical_city",
        "physical_postcode", "physical_state", "physical_country_id", "postal_address1",
        "postal_address2", "postal_suburb", "postal_city", "postal_postcode", "postal_state",
        "postal_country_id", "customer_group_name", "customer_group_id", "enable_loyalty",
        "loyalty_balance", "custom_field_1", "custom_field_2", "custom_field_3",
        "custom_field_4", "do_not_email", "year_to_date", "balance", "account_limit",
        "created_at", "updated_at",
    ),
    signatures=(("customer_code", "first_name"), ("customer_code", "year_to_date")),
)  # fmt: skip

TILL_FORMATS: tuple[TillFormat, ...] = (SQUARE, SHOPIFY, LIGHTSPEED)
"""The till exports recognised, in the order they are tried."""

__all__ = ["LIGHTSPEED", "SHOPIFY", "SQUARE", "TILL_FORMATS", "TillFormat"]
