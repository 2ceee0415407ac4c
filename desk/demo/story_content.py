"""Demo story content: the fixed tables the demo story draws from.

What the shop told its customers (greetings, sign-offs, the subject and one line of each
event's message per language), why a message failed and how long messages took to go
out; and what customers said back (ratings, how many came with a comment and where
they came from, the comments per language and tone). No randomness and no database
here: `desk.demo.story` draws from these tables, with the ones in `desk.demo.content`.

A "`choice` table" is a tuple with each key repeated by its weight (see
`desk.demo.content`), so one uniform draw picks a key with the weighted probability.
"""

from __future__ import annotations

from desk.demo.content import pool

# -- what the shop told its customers ---------------------------------------------------------

GREETINGS = {"en": "Hi {first},", "pt_BR": "Olá, {first}!"}
SIGN_OFFS = {"en": "Kind regards,", "pt_BR": "Um abraço,"}
MESSAGE_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "acknowledged": (
            "we've opened your return {number}",
            "We've opened return {number}. Bring or send us the items and we'll take it from "
            "there.",
        ),
        "received": (
            "we've received your return {number}",
            "Your return {number} has arrived. We'll check the items and get back to you soon.",
        ),
        "inspecting": (
            "we're checking your return {number}",
            "We're checking the items of return {number} now; it usually takes a day or two.",
        ),
        "approved": (
            "your return {number} is approved",
            "Good news: return {number} is approved. We'll be in touch shortly with the next step.",
        ),
        "refunded": (
            "your refund for {number} is on its way",
            "We've refunded return {number} to your original payment method; banks take 3-5 "
            "working days.",
        ),
        "exchanged": (
            "your exchange for {number} is ready",
            "The replacement for return {number} is ready; collect it at the counter any day.",
        ),
        "credited": (
            "your store credit for {number}",
            "We've added store credit for return {number}; use it in the shop or online.",
        ),
        "rejected": (
            "about your return {number}",
            "We're sorry, we can't accept return {number}. Your items are ready for you to "
            "collect.",
        ),
        "closed": (
            "your return {number} is complete",
            "Return {number} is complete. Thank you for shopping with us.",
        ),
        "feedback": (
            "how did we do with return {number}?",
            "How did we do with return {number}? Reply with a number from 1 to 5, it helps us "
            "a lot.",
        ),
        "thanks": (
            "thank you for your feedback on return {number}",
            "Thank you for telling us how return {number} went. Your reward code is below.",
        ),
    },
    "pt_BR": {
        "acknowledged": (
            "abrimos sua devolução {number}",
            "Abrimos a devolução {number}. Traga ou envie os itens e nós cuidamos do resto.",
        ),
        "received": (
            "recebemos sua devolução {number}",
            "Sua devolução {number} chegou. Vamos conferir os itens e logo damos notícias.",
        ),
        "inspecting": (
            "estamos conferindo sua devolução {number}",
            "Estamos conferindo os itens da devolução {number}; costuma levar um ou dois dias.",
        ),
        "approved": (
            "sua devolução {number} foi aprovada",
            "Boa notícia: a devolução {number} foi aprovada. Em breve avisamos o próximo passo.",
        ),
        "refunded": (
            "seu reembolso da devolução {number} está a caminho",
            "Reembolsamos a devolução {number} na forma de pagamento original; o banco leva de "
            "3 a 5 dias úteis.",
        ),
        "exchanged": (
            "sua troca da devolução {number} está pronta",
            "A troca da devolução {number} está pronta; retire no balcão quando quiser.",
        ),
        "credited": (
            "seu crédito na loja pela devolução {number}",
            "Lançamos um crédito pela devolução {number}; use na loja ou no site.",
        ),
        "rejected": (
            "sobre sua devolução {number}",
            "Sentimos muito, não podemos aceitar a devolução {number}. Seus itens estão à sua "
            "espera no balcão.",
        ),
        "closed": (
            "sua devolução {number} foi concluída",
            "A devolução {number} foi concluída. Obrigado por comprar conosco.",
        ),
        "feedback": (
            "como foi sua devolução {number}?",
            "Como foi a devolução {number}? Responda com uma nota de 1 a 5, isso nos ajuda muito.",
        ),
        "thanks": (
            "obrigado pela sua opinião sobre a devolução {number}",
            "Obrigado por contar como foi a devolução {number}. "
            "Seu código de desconto está abaixo.",
        ),
    },
}
"""Per language and event: the subject (after "{first}, ") and the one line the message says."""

SEND_ERRORS = {
    "email": (
        "The mail server refused the recipient address {recipient}. "
        "Check the customer's email address.",
        "Timed out: the mail server did not answer in time.",
    ),
    "sms": (
        "The SMS provider refused the message (400): The 'To' number {recipient} is not a "
        "valid phone number.",
        "The SMS provider is busy or failing (503): Service unavailable.",
    ),
}
"""Why a demo message failed: a refused recipient (given up at once), or a lasting outage."""

SEND_DELAYS = pool({(60, 900): 55, (900, 5_400): 33, (5_400, 14_400): 10, (14_400, 43_200): 2})
"""Seconds from a status change to its message going out: mostly minutes, a few hours at
times (the app was closed), so the response-time median is ~10 minutes and the 90th
percentile ~2 hours."""

# -- what they said back ------------------------------------------------------------------------

RATINGS = pool({5: 54, 4: 27, 3: 8, 2: 6, 1: 5})
RATINGS_AFTER_REJECTION = pool({5: 6, 4: 10, 3: 19, 2: 30, 1: 35})
COMMENT_SHARE = {5: 0.4, 4: 0.45, 3: 0.6, 2: 0.85, 1: 0.9}
"""Share of the feedback with each rating that comes with a comment."""

FEEDBACK_ANSWERS = pool({"reply": 50, "portal": 25, "phone": 25})
"""Where the answers to a feedback request come from."""

FEEDBACK_COMMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "good": (
            "Quick and easy, thank you!",
            "Really friendly staff at the counter.",
            "Refund came through the next day. Brilliant.",
            "No questions asked, very smooth.",
            "Swapped for the right size in five minutes.",
            "Much easier than I expected.",
            "Lovely service as always.",
            "Thanks for sorting it out so fast.",
            "Clear emails at every step, I always knew where it stood.",
            "Tom was very helpful.",
            "Great to know the old one gets repaired rather than binned.",
            "Painless. Will shop here again.",
            "Happy with the store credit, already spent it!",
            "Easy return even without the receipt.",
            "Fair and quick, can't ask for more.",
            "The text updates were handy.",
            "Took a bit long to be checked, but all good in the end.",
        ),
        "mixed": (
            "Fine, but the queue was long.",
            "OK in the end, took longer than I hoped.",
            "Refund was slow to arrive.",
            "Staff were nice but had to ask twice about the status.",
            "Would have liked an email when it was received.",
            "Alright. Parking near the shop is a pain though.",
            "Had to come back a second time for the exchange.",
            "Decent, but the form online was confusing.",
        ),
        "poor": (
            "Took over two weeks to get my money back.",
            "Nobody told me what was happening with my return.",
            "I don't agree with the rejection, the fault was there from day one.",
            "Had to call three times.",
            "The item was clearly faulty and I still had to argue.",
            "Very slow, and the shop was understaffed.",
            "Rude at the counter, not coming back.",
            "Still waiting for the refund to show on my card.",
            "Lost my parcel for a week before finding it.",
            "Store credit only? I wanted my money back.",
            "The emails said one thing and the staff another.",
            "Too much hassle for a simple size change.",
            "They said it was worn. I tried it on once.",
            "Waited 40 minutes to return one T-shirt.",
            "No reply to my email for days.",
            "Disappointed, used to be better.",
        ),
        "made_right": (
            "The manager called and sorted it out. Thank you.",
            "Changing my rating: they called back and fixed everything.",
            "Got my refund after all, thanks for following up.",
            "Much better after the phone call, appreciated.",
            "They listened and made it right.",
            "Sorted in the end, and they apologised.",
        ),
    },
    "pt_BR": {
        "good": (
            "Rápido e fácil, obrigada!",
            "Atendimento muito simpático no balcão.",
            "O reembolso caiu no dia seguinte. Nota 10!",
            "Sem burocracia nenhuma, adorei.",
            "Troquei pelo tamanho certo em cinco minutos.",
            "Bem mais fácil do que eu esperava.",
            "Atendimento excelente, como sempre.",
            "Obrigado por resolver tão rápido.",
            "Recebi mensagem em cada etapa, sempre soube como estava.",
            "A Ana foi super atenciosa.",
            "Gostei de saber que o produto vai ser consertado e não jogado fora.",
            "Tranquilo. Vou continuar comprando aqui.",
            "Gostei do crédito na loja, já usei!",
            "Consegui devolver mesmo sem a nota.",
            "Justo e rápido, não tenho do que reclamar.",
            "As mensagens por SMS ajudaram muito.",
            "Demorou um pouco a análise, mas deu tudo certo.",
        ),
        "mixed": (
            "Foi bem, mas a fila estava grande.",
            "Deu certo, só demorou mais do que eu queria.",
            "O reembolso demorou para cair.",
            "O pessoal foi educado, mas precisei perguntar duas vezes.",
            "Queria ter sido avisado quando chegou.",
            "Ok. Só o estacionamento perto da loja que é difícil.",
            "Tive que voltar outra vez para fazer a troca.",
            "Razoável, o formulário no site é confuso.",
        ),
        "poor": (
            "Demorou mais de duas semanas para devolverem meu dinheiro.",
            "Ninguém me avisou o que estava acontecendo com a devolução.",
            "Não concordo com a recusa, o defeito veio de fábrica.",
            "Tive que ligar três vezes.",
            "O produto estava claramente com defeito e ainda tive que discutir.",
            "Muito demorado, faltava gente no atendimento.",
            "Fui mal atendido no balcão, não volto mais.",
            "Ainda estou esperando o estorno no cartão.",
            "Perderam minha encomenda por uma semana.",
            "Só crédito na loja? Eu queria meu dinheiro de volta.",
            "O e-mail dizia uma coisa e o atendente outra.",
            "Muita complicação para trocar um tamanho.",
            "Disseram que estava usado. Só experimentei uma vez.",
            "Esperei 40 minutos para devolver uma camiseta.",
            "Mandei e-mail e ninguém respondeu por dias.",
            "Decepcionada, já foi melhor.",
        ),
        "made_right": (
            "O gerente me ligou e resolveu tudo. Obrigada.",
            "Mudando minha nota: retornaram a ligação e resolveram.",
            "Recebi o reembolso no fim, obrigado pelo retorno.",
            "Bem melhor depois da ligação, agradeço.",
            "Me ouviram e resolveram o problema.",
            "No fim deu certo, e ainda pediram desculpas.",
        ),
    },
}
"""What customers wrote with their rating, by language and tone (good 4-5, mixed 3, poor
1-2), and what they said when the shop called back about a poor one (made_right)."""
