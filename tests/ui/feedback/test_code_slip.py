"""The reward slip: the receipt roll's width, the code and what it gives in the customer's words."""

from __future__ import annotations

import subprocess

from desk.feedback.record import record_feedback
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return
from desk.settings import REWARD_KIND, REWARD_VALUE, save_settings
from ui.feedback.code_slip import slip_for, write_slip_pdf


def reward(db):
    save_settings(db, {REWARD_KIND: "percent", REWARD_VALUE: 10})
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", unit_price_cents=3490)],
        new_customer=CustomerDraft(name="Ana Souza"),
    )
    ret = create_return(db, draft=draft)
    return record_feedback(db, return_id=ret.id, rating=5, source="counter").reward


def test_the_slip_is_a_receipt_in_the_customer_language(qtbot, db, tmp_path):
    code = reward(db)
    slip = slip_for(code, shop="Casa Verde", currency="BRL", language="pt-br")
    assert slip.code == code.code and slip.intro == "Seu código de recompensa:"
    assert slip.gives.startswith("10% de desconto")
    path = tmp_path / "slip.pdf"
    write_slip_pdf(slip, path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    width_pt = float(info.split("Page size:")[1].split("x")[0])
    assert abs(width_pt - 80 / 25.4 * 72) < 1  # 80 mm: the receipt roll
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert code.code in text and "Casa Verde" in text and "desconto" in text
