"""The folded forms products are found by: words from the stored key match those from the parts."""

from desk.catalog.keys import key_words, product_words, search_key


def test_key_words_are_the_product_words_read_from_the_stored_key():
    parts = ("CX-Ação-7", "Chaleira  Elétrica", "1,7 L")
    assert key_words(search_key(*parts), parts[0]) == product_words(*parts)
    assert {"cx-acao-7", "cx", "acao", "chaleira", "eletrica", "1", "7", "l"} == product_words(
        *parts
    )
