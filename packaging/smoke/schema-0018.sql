-- A small shop's database as releases before 0.2.0 left it (schema 0018, 25 demo returns):
-- tools/smoke-dist.sh builds it and checks that the built program upgrades it.
BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0018');
CREATE TABLE counter (
	name VARCHAR(50) NOT NULL, 
	value INTEGER NOT NULL, 
	PRIMARY KEY (name)
);
INSERT INTO "counter" VALUES('return-2026',1000000);
INSERT INTO "counter" VALUES('demo-receipt',60608052);
CREATE TABLE counter_pairing (
	id INTEGER NOT NULL, 
	code_hash VARCHAR(64) NOT NULL, 
	expires_at DATETIME NOT NULL, 
	attempts INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE counter_request (
	id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, 
	asked_at DATETIME NOT NULL, 
	answered_at DATETIME, 
	rating INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE
);
CREATE TABLE counter_tablet (
	id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	paired_at DATETIME NOT NULL, 
	last_seen_at DATETIME, 
	unpaired_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (token_hash)
);
CREATE TABLE customer (
	name VARCHAR(200) NOT NULL, 
	email VARCHAR(254), 
	phone VARCHAR(40), 
	preferred_channel VARCHAR(20) NOT NULL, 
	preferred_language VARCHAR(10) NOT NULL, 
	preferred_refund VARCHAR(20) NOT NULL, 
	notes VARCHAR NOT NULL, 
	id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, external_ref VARCHAR(100) DEFAULT '' NOT NULL, customer_since DATE, orders_count INTEGER, lifetime_spend_cents INTEGER, erased_at DATETIME, preferred_timeline VARCHAR(20) DEFAULT '' NOT NULL, erased_by VARCHAR(100) DEFAULT '' NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "customer" VALUES('Daniel Green',NULL,'+447534000854','sms','en','original','',1,'2026-03-28 23:56:17.000000','','2022-11-26',25,79325,NULL,'','');
INSERT INTO "customer" VALUES('Gustavo Rodrigues Santos','gustavo.santos@gmail.com','+5585941764683','sms','pt_BR','original','',2,'2026-03-29 00:00:16.000000','','2023-01-18',3,15792,NULL,'','');
INSERT INTO "customer" VALUES('Patrícia Brandão Gonçalves','patricia.goncalves@bol.com.br','+5511940472165','email','pt_BR','store_credit','',3,'2026-03-29 00:00:25.000000','',NULL,NULL,NULL,NULL,'','');
INSERT INTO "customer" VALUES('Daniel Baker','daniel.baker47@outlook.com','+447729540230','email','en','exchange','',4,'2026-03-28 23:55:21.000000','','2023-07-29',4,10632,NULL,'','');
INSERT INTO "customer" VALUES('Matthew Johnson',NULL,'+447977595536','print','en','original','',5,'2026-03-28 23:55:19.000000','','2022-01-10',7,38584,NULL,'','');
INSERT INTO "customer" VALUES('Rafael Dias Souza','rafael.souza@gmail.com','+5527942331739','sms','pt_BR','original','',6,'2026-03-29 00:01:59.000000','','2023-06-29',12,49332,NULL,'','');
INSERT INTO "customer" VALUES('Arthur Thompson','arthur.thompson@hotmail.co.uk','+447719596804','email','en','exchange','',7,'2026-03-28 23:59:19.000000','','2021-12-28',3,11301,NULL,'','');
INSERT INTO "customer" VALUES('Laura Robinson',NULL,'+447745886769','none','en','original','',8,'2026-03-28 23:55:32.000000','','2025-11-20',17,152796,NULL,'','');
INSERT INTO "customer" VALUES('Lily Lloyd','lily1989@btinternet.com','+447825844212','email','en','exchange','',9,'2026-03-28 23:56:18.000000','','2025-04-04',3,28236,NULL,'','');
INSERT INTO "customer" VALUES('James Hughes','j.hughes@gmail.com','+447825075805','none','en','original','',10,'2026-03-28 23:57:50.000000','',NULL,NULL,NULL,NULL,'','');
INSERT INTO "customer" VALUES('Cecília Lima','cecilia.lima@hotmail.com','+5527983116612','email','pt_BR','store_credit','',11,'2026-03-29 00:01:02.000000','','2023-02-17',7,14497,NULL,'','');
INSERT INTO "customer" VALUES('Gustavo Barbosa Conceição','g.conceicao@hotmail.com','+5519989505258','email','pt_BR','store_credit','',12,'2026-03-29 00:03:30.000000','','2025-10-02',5,18675,NULL,'','');
INSERT INTO "customer" VALUES('Rodrigo Calado','rodrigocalado@yahoo.com.br','+5561964318190','email','pt_BR','original','',13,'2026-03-29 00:08:53.000000','',NULL,NULL,NULL,NULL,'','');
INSERT INTO "customer" VALUES('Chloé Taylor',NULL,'+447831656837','sms','en','store_credit','',14,'2026-03-29 00:08:28.000000','','2023-05-02',27,70011,NULL,'','');
INSERT INTO "customer" VALUES('Lúcia Lima','lucialima@gmail.com',NULL,'email','pt_BR','original','',15,'2026-03-29 00:10:19.000000','','2022-01-16',8,21728,NULL,'','');
INSERT INTO "customer" VALUES('Beatriz Carvalho Galvão','beatriz.galvao@uol.com.br','+5531930010425','email','pt_BR','original','',16,'2026-03-29 00:07:08.000000','','2024-08-30',7,40698,NULL,'','');
INSERT INTO "customer" VALUES('Kate Evans','k.evans@outlook.com','+447584822419','email','en','original','',17,'2026-03-29 00:12:12.000000','','2025-12-01',2,4242,NULL,'','');
INSERT INTO "customer" VALUES('Rhys Taylor','rhys.taylor@yahoo.co.uk','+447908778340','email','en','original','',18,'2026-03-29 00:16:31.000000','',NULL,NULL,NULL,NULL,'','');
INSERT INTO "customer" VALUES('Maria Cecília Magalhães Estêvão','maria.estevao@gmail.com','+5541952405977','email','pt_BR','original','',19,'2026-03-29 00:11:13.000000','','2021-06-20',17,158457,NULL,'','');
INSERT INTO "customer" VALUES('Bruna Leão','brunaleao@hotmail.com',NULL,'email','pt_BR','original','',20,'2026-03-29 00:15:18.000000','','2023-09-14',2,6416,NULL,'','');
INSERT INTO "customer" VALUES('Luís Sá Galvão','l.galvao@gmail.com','+5521972127221','email','pt_BR','store_credit','',21,'2026-03-29 00:18:14.000000','',NULL,NULL,NULL,NULL,'','');
INSERT INTO "customer" VALUES('Sebastião Souza Calado','sebastiao2003@gmail.com','+5531912206284','none','pt_BR','exchange','Buys gifts for the family; often returns sizes.',22,'2026-03-29 00:19:29.000000','',NULL,NULL,NULL,NULL,'','');
INSERT INTO "customer" VALUES('Laura Evans','laura.evans@icloud.com','+447863359087','sms','en','original','',23,'2026-03-29 00:18:19.000000','','2021-09-01',9,29538,NULL,'','');
INSERT INTO "customer" VALUES('Seán O''Brien','sean1977@yahoo.co.uk','+447731224922','email','en','original','',24,'2026-03-29 00:16:13.000000','','2022-02-19',29,209844,NULL,'','');
INSERT INTO "customer" VALUES('Cecília Gusmão Dias','c.dias@gmail.com','+5531950605788','email','pt_BR','original','',25,'2026-03-29 00:14:22.000000','','2025-02-19',7,21959,NULL,'','');
CREATE TABLE dropoff_point (
	name VARCHAR(200) NOT NULL, 
	address VARCHAR NOT NULL, 
	hours VARCHAR NOT NULL, 
	accepts_reuse BOOLEAN NOT NULL, 
	accepts_recycling BOOLEAN NOT NULL, 
	accepts_donation BOOLEAN NOT NULL, 
	categories VARCHAR NOT NULL, 
	notes VARCHAR NOT NULL, 
	active BOOLEAN NOT NULL, 
	position INTEGER NOT NULL, 
	id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE erased_contact (
	contact_hash VARCHAR(64) NOT NULL, 
	PRIMARY KEY (contact_hash)
);
CREATE TABLE exchange_line (
	id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, 
	sku VARCHAR(64) NOT NULL, 
	description VARCHAR(300) NOT NULL, 
	quantity INTEGER NOT NULL, 
	unit_price_cents INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE
);
CREATE TABLE feedback (
	id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, 
	rating INTEGER NOT NULL, 
	comment VARCHAR NOT NULL, 
	source VARCHAR(10) NOT NULL, 
	staff VARCHAR(100) NOT NULL, 
	at DATETIME NOT NULL, 
	replaced_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE
);
INSERT INTO "feedback" VALUES(1,3,5,'','portal','','2026-04-28 10:40:36.000000',NULL);
INSERT INTO "feedback" VALUES(2,7,5,'','reply','Bea','2026-04-17 23:15:26.000000',NULL);
INSERT INTO "feedback" VALUES(3,9,1,'Took over two weeks to get my money back.','portal','','2026-04-19 07:28:38.000000','2026-04-21 09:12:08.000000');
INSERT INTO "feedback" VALUES(4,9,3,'Sorted in the end, and they apologised.','phone','Grace','2026-04-21 09:12:08.000000',NULL);
INSERT INTO "feedback" VALUES(5,16,4,'Bem mais fácil do que eu esperava.','reply','Priya','2026-04-09 16:35:03.000000',NULL);
INSERT INTO "feedback" VALUES(6,21,5,'','reply','Grace','2026-04-22 10:31:07.000000',NULL);
CREATE TABLE message_template (
	id INTEGER NOT NULL, 
	event VARCHAR(30) NOT NULL, 
	language VARCHAR(10) NOT NULL, 
	part VARCHAR(10) NOT NULL, 
	body VARCHAR NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (event, language, part)
);
CREATE TABLE outbox_message (
	id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, 
	status_change_id INTEGER, 
	event VARCHAR(30) NOT NULL, 
	channel VARCHAR(10) NOT NULL, 
	language VARCHAR(10) NOT NULL, 
	recipient VARCHAR(254) NOT NULL, 
	subject VARCHAR NOT NULL, 
	body_text VARCHAR NOT NULL, 
	body_html VARCHAR NOT NULL, 
	message_id VARCHAR(200) NOT NULL, 
	state VARCHAR(10) NOT NULL, 
	attempts INTEGER NOT NULL, 
	last_error VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	next_attempt_at DATETIME NOT NULL, 
	sent_at DATETIME, 
	staff VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE, 
	FOREIGN KEY(status_change_id) REFERENCES status_change (id) ON DELETE CASCADE, 
	UNIQUE (status_change_id, channel)
);
INSERT INTO "outbox_message" VALUES(1,1,1,'acknowledged','sms','en','+447534000854','Daniel, we''ve opened your return R-2026-00001','My Shop: Daniel, We''ve opened return R-2026-00001. Bring or send us the items and we''ll take it from there.','','','sent',1,'','2026-03-29 00:00:19.000000','2026-03-29 01:29:19.000000','2026-03-29 01:29:19.000000','');
INSERT INTO "outbox_message" VALUES(2,1,2,'received','sms','en','+447534000854','Daniel, we''ve received your return R-2026-00001','My Shop: Daniel, Your return R-2026-00001 has arrived. We''ll check the items and get back to you soon.','','','sent',1,'','2026-04-04 16:24:02.000000','2026-04-04 16:57:38.000000','2026-04-04 16:57:38.000000','');
INSERT INTO "outbox_message" VALUES(3,1,3,'approved','sms','en','+447534000854','Daniel, your return R-2026-00001 is approved','My Shop: Daniel, Good news: return R-2026-00001 is approved. We''ll be in touch shortly with the next step.','','','sent',1,'','2026-04-06 13:06:51.000000','2026-04-06 13:18:11.000000','2026-04-06 13:18:11.000000','');
INSERT INTO "outbox_message" VALUES(4,1,4,'refunded','sms','en','+447534000854','Daniel, your refund for R-2026-00001 is on its way','My Shop: Daniel, We''ve refunded return R-2026-00001 to your original payment method; banks take 3-5 working days.','','','sent',1,'','2026-04-07 17:23:03.000000','2026-04-07 17:26:47.000000','2026-04-07 17:26:47.000000','');
INSERT INTO "outbox_message" VALUES(5,1,NULL,'feedback','sms','en','+447534000854','Daniel, how did we do with return R-2026-00001?','My Shop: Daniel, How did we do with return R-2026-00001? Reply with a number from 1 to 5, it helps us a lot.','','','sent',1,'','2026-04-19 09:10:36.000000','2026-04-20 10:09:25.000000','2026-04-20 10:09:25.000000','');
INSERT INTO "outbox_message" VALUES(6,2,6,'acknowledged','sms','pt_BR','+5585941764683','Gustavo, abrimos sua devolução R-2026-00002','My Shop: Gustavo, Abrimos a devolução R-2026-00002. Traga ou envie os itens e nós cuidamos do resto.','','','sent',1,'','2026-03-29 00:01:38.000000','2026-03-29 01:12:31.000000','2026-03-29 01:12:31.000000','');
INSERT INTO "outbox_message" VALUES(7,2,7,'received','sms','pt_BR','+5585941764683','Gustavo, recebemos sua devolução R-2026-00002','My Shop: Gustavo, Sua devolução R-2026-00002 chegou. Vamos conferir os itens e logo damos notícias.','','','sent',1,'','2026-04-03 17:18:41.000000','2026-04-03 17:40:41.000000','2026-04-03 17:40:41.000000','');
INSERT INTO "outbox_message" VALUES(8,2,8,'refunded','sms','pt_BR','+5585941764683','Gustavo, seu reembolso da devolução R-2026-00002 está a caminho','My Shop: Gustavo, Reembolsamos a devolução R-2026-00002 na forma de pagamento original; o banco leva de 3 a 5 dias úteis.','','','sent',1,'','2026-04-06 16:48:15.000000','2026-04-06 16:50:14.000000','2026-04-06 16:50:14.000000','');
INSERT INTO "outbox_message" VALUES(9,2,NULL,'feedback','sms','pt_BR','+5585941764683','Gustavo, como foi sua devolução R-2026-00002?','My Shop: Gustavo, Como foi a devolução R-2026-00002? Responda com uma nota de 1 a 5, isso nos ajuda muito.','','','sent',1,'','2026-04-13 09:20:40.000000','2026-04-14 10:06:16.000000','2026-04-14 10:06:16.000000','');
INSERT INTO "outbox_message" VALUES(10,3,10,'acknowledged','email','pt_BR','patricia.goncalves@bol.com.br','Patrícia, abrimos sua devolução R-2026-00003','Olá, Patrícia!

Abrimos a devolução R-2026-00003. Traga ou envie os itens e nós cuidamos do resto.

Um abraço,
My Shop
','','<1774743299.10.demo@returndesk.local>','sent',1,'','2026-03-29 00:02:05.000000','2026-03-29 00:14:59.000000','2026-03-29 00:14:59.000000','');
INSERT INTO "outbox_message" VALUES(11,3,11,'received','email','pt_BR','patricia.goncalves@bol.com.br','Patrícia, recebemos sua devolução R-2026-00003','Olá, Patrícia!

Sua devolução R-2026-00003 chegou. Vamos conferir os itens e logo damos notícias.

Um abraço,
My Shop
','','<1775562184.11.demo@returndesk.local>','sent',1,'','2026-04-07 11:36:12.000000','2026-04-07 11:43:04.000000','2026-04-07 11:43:04.000000','');
INSERT INTO "outbox_message" VALUES(12,3,13,'approved','email','pt_BR','patricia.goncalves@bol.com.br','Patrícia, sua devolução R-2026-00003 foi aprovada','Olá, Patrícia!

Boa notícia: a devolução R-2026-00003 foi aprovada. Em breve avisamos o próximo passo.

Um abraço,
My Shop
','','<1775846543.12.demo@returndesk.local>','sent',1,'','2026-04-10 15:33:56.000000','2026-04-10 18:42:23.000000','2026-04-10 18:42:23.000000','');
INSERT INTO "outbox_message" VALUES(13,3,14,'exchanged','email','pt_BR','patricia.goncalves@bol.com.br','Patrícia, sua troca da devolução R-2026-00003 está pronta','Olá, Patrícia!

A troca da devolução R-2026-00003 está pronta; retire no balcão quando quiser.

Um abraço,
My Shop
','','<1776085839.13.demo@returndesk.local>','sent',1,'','2026-04-13 12:08:48.000000','2026-04-13 13:10:39.000000','2026-04-13 13:10:39.000000','');
INSERT INTO "outbox_message" VALUES(14,3,NULL,'feedback','email','pt_BR','patricia.goncalves@bol.com.br','Patrícia, como foi sua devolução R-2026-00003?','Olá, Patrícia!

Como foi a devolução R-2026-00003? Responda com uma nota de 1 a 5, isso nos ajuda muito.

Um abraço,
My Shop
','','<1777370509.14.demo@returndesk.local>','sent',1,'','2026-04-27 14:10:37.000000','2026-04-28 10:01:49.000000','2026-04-28 10:01:49.000000','');
INSERT INTO "outbox_message" VALUES(15,4,16,'acknowledged','email','en','daniel.baker47@outlook.com','Daniel, we''ve opened your return R-2026-00004','Hi Daniel,

We''ve opened return R-2026-00004. Bring or send us the items and we''ll take it from there.

Kind regards,
My Shop
','','<1774742837.15.demo@returndesk.local>','sent',1,'','2026-03-29 00:02:20.000000','2026-03-29 00:07:17.000000','2026-03-29 00:07:17.000000','');
INSERT INTO "outbox_message" VALUES(16,6,23,'acknowledged','sms','pt_BR','+5527942331739','Rafael, abrimos sua devolução R-2026-00006','My Shop: Rafael, Abrimos a devolução R-2026-00006. Traga ou envie os itens e nós cuidamos do resto.','','','failed',1,'The SMS provider refused the message (400): The ''To'' number +5527942331739 is not a valid phone number.','2026-03-29 00:03:05.000000','2026-03-29 00:38:45.000000',NULL,'');
INSERT INTO "outbox_message" VALUES(17,7,25,'acknowledged','email','en','arthur.thompson@hotmail.co.uk','Arthur, we''ve opened your return R-2026-00007','Hi Arthur,

We''ve opened return R-2026-00007. Bring or send us the items and we''ll take it from there.

Kind regards,
My Shop
','','<1774743328.17.demo@returndesk.local>','sent',2,'','2026-03-29 00:03:27.000000','2026-03-29 00:15:28.000000','2026-03-29 00:15:28.000000','');
INSERT INTO "outbox_message" VALUES(18,7,26,'received','email','en','arthur.thompson@hotmail.co.uk','Arthur, we''ve received your return R-2026-00007','Hi Arthur,

Your return R-2026-00007 has arrived. We''ll check the items and get back to you soon.

Kind regards,
My Shop
','','<1775561895.18.demo@returndesk.local>','sent',1,'','2026-04-07 11:10:04.000000','2026-04-07 11:38:15.000000','2026-04-07 11:38:15.000000','');
INSERT INTO "outbox_message" VALUES(19,7,27,'approved','email','en','arthur.thompson@hotmail.co.uk','Arthur, your return R-2026-00007 is approved','Hi Arthur,

Good news: return R-2026-00007 is approved. We''ll be in touch shortly with the next step.

Kind regards,
My Shop
','','<1775736441.19.demo@returndesk.local>','sent',1,'','2026-04-09 12:02:08.000000','2026-04-09 12:07:21.000000','2026-04-09 12:07:21.000000','');
INSERT INTO "outbox_message" VALUES(20,7,28,'refunded','email','en','arthur.thompson@hotmail.co.uk','Arthur, your refund for R-2026-00007 is on its way','Hi Arthur,

We''ve refunded return R-2026-00007 to your original payment method; banks take 3-5 working days.

Kind regards,
My Shop
','','<1775741345.20.demo@returndesk.local>','sent',1,'','2026-04-09 13:21:18.000000','2026-04-09 13:29:05.000000','2026-04-09 13:29:05.000000','');
INSERT INTO "outbox_message" VALUES(21,7,NULL,'feedback','email','en','arthur.thompson@hotmail.co.uk','Arthur, how did we do with return R-2026-00007?','Hi Arthur,

How did we do with return R-2026-00007? Reply with a number from 1 to 5, it helps us a lot.

Kind regards,
My Shop
','','<1776420299.21.demo@returndesk.local>','sent',1,'','2026-04-16 12:56:47.000000','2026-04-17 10:04:59.000000','2026-04-17 10:04:59.000000','');
INSERT INTO "outbox_message" VALUES(22,9,32,'acknowledged','email','en','lily1989@btinternet.com','Lily, we''ve opened your return R-2026-00009','Hi Lily,

We''ve opened return R-2026-00009. Bring or send us the items and we''ll take it from there.

Kind regards,
My Shop
','','<1774744739.22.demo@returndesk.local>','sent',1,'','2026-03-29 00:05:33.000000','2026-03-29 00:38:59.000000','2026-03-29 00:38:59.000000','');
INSERT INTO "outbox_message" VALUES(23,9,33,'received','email','en','lily1989@btinternet.com','Lily, we''ve received your return R-2026-00009','Hi Lily,

Your return R-2026-00009 has arrived. We''ll check the items and get back to you soon.

Kind regards,
My Shop
','','<1775138621.23.demo@returndesk.local>','sent',1,'','2026-04-02 10:52:44.000000','2026-04-02 14:03:41.000000','2026-04-02 14:03:41.000000','');
INSERT INTO "outbox_message" VALUES(24,9,35,'approved','email','en','lily1989@btinternet.com','Lily, your return R-2026-00009 is approved','Hi Lily,

Good news: return R-2026-00009 is approved. We''ll be in touch shortly with the next step.

Kind regards,
My Shop
','','<1775323668.24.demo@returndesk.local>','sent',1,'','2026-04-04 17:14:09.000000','2026-04-04 17:27:48.000000','2026-04-04 17:27:48.000000','');
INSERT INTO "outbox_message" VALUES(25,9,36,'refunded','email','en','lily1989@btinternet.com','Lily, your refund for R-2026-00009 is on its way','Hi Lily,

We''ve refunded return R-2026-00009 to your original payment method; banks take 3-5 working days.

Kind regards,
My Shop
','','<1775329120.25.demo@returndesk.local>','sent',1,'','2026-04-04 18:04:16.000000','2026-04-04 18:58:40.000000','2026-04-04 18:58:40.000000','');
INSERT INTO "outbox_message" VALUES(26,9,NULL,'feedback','email','en','lily1989@btinternet.com','Lily, how did we do with return R-2026-00009?','Hi Lily,

How did we do with return R-2026-00009? Reply with a number from 1 to 5, it helps us a lot.

Kind regards,
My Shop
','','<1776334381.26.demo@returndesk.local>','sent',1,'','2026-04-15 13:41:34.000000','2026-04-16 10:13:01.000000','2026-04-16 10:13:01.000000','');
INSERT INTO "outbox_message" VALUES(27,11,42,'acknowledged','email','pt_BR','cecilia.lima@hotmail.com','Cecília, abrimos sua devolução R-2026-00011','Olá, Cecília!

Abrimos a devolução R-2026-00011. Traga ou envie os itens e nós cuidamos do resto.

Um abraço,
My Shop
','','<1774743327.27.demo@returndesk.local>','sent',1,'','2026-03-29 00:07:32.000000','2026-03-29 00:15:27.000000','2026-03-29 00:15:27.000000','');
INSERT INTO "outbox_message" VALUES(28,11,43,'received','email','pt_BR','cecilia.lima@hotmail.com','Cecília, recebemos sua devolução R-2026-00011','Olá, Cecília!

Sua devolução R-2026-00011 chegou. Vamos conferir os itens e logo damos notícias.

Um abraço,
My Shop
','','<1775155469.28.demo@returndesk.local>','sent',1,'','2026-04-02 17:36:36.000000','2026-04-02 18:44:29.000000','2026-04-02 18:44:29.000000','');
INSERT INTO "outbox_message" VALUES(29,11,44,'credited','email','pt_BR','cecilia.lima@hotmail.com','Cecília, seu crédito na loja pela devolução R-2026-00011','Olá, Cecília!

Lançamos um crédito pela devolução R-2026-00011; use na loja ou no site.

Um abraço,
My Shop
','','<1775386598.29.demo@returndesk.local>','sent',1,'','2026-04-05 10:47:26.000000','2026-04-05 10:56:38.000000','2026-04-05 10:56:38.000000','');
INSERT INTO "outbox_message" VALUES(30,11,NULL,'feedback','email','pt_BR','cecilia.lima@hotmail.com','Cecília, como foi sua devolução R-2026-00011?','Olá, Cecília!

Como foi a devolução R-2026-00011? Responda com uma nota de 1 a 5, isso nos ajuda muito.

Um abraço,
My Shop
','','<1776420085.30.demo@returndesk.local>','sent',1,'','2026-04-16 15:43:32.000000','2026-04-17 10:01:25.000000','2026-04-17 10:01:25.000000','');
INSERT INTO "outbox_message" VALUES(31,12,46,'acknowledged','email','pt_BR','g.conceicao@hotmail.com','Gustavo, abrimos sua devolução R-2026-00012','Olá, Gustavo!

Abrimos a devolução R-2026-00012. Traga ou envie os itens e nós cuidamos do resto.

Um abraço,
My Shop
','','<1774743141.31.demo@returndesk.local>','sent',1,'','2026-03-29 00:09:33.000000','2026-03-29 00:12:21.000000','2026-03-29 00:12:21.000000','');
INSERT INTO "outbox_message" VALUES(32,12,47,'received','email','pt_BR','g.conceicao@hotmail.com','Gustavo, recebemos sua devolução R-2026-00012','Olá, Gustavo!

Sua devolução R-2026-00012 chegou. Vamos conferir os itens e logo damos notícias.

Um abraço,
My Shop
','','<1775140457.32.demo@returndesk.local>','sent',1,'','2026-04-02 14:28:35.000000','2026-04-02 14:34:17.000000','2026-04-02 14:34:17.000000','');
INSERT INTO "outbox_message" VALUES(33,12,48,'exchanged','email','pt_BR','g.conceicao@hotmail.com','Gustavo, sua troca da devolução R-2026-00012 está pronta','Olá, Gustavo!

A troca da devolução R-2026-00012 está pronta; retire no balcão quando quiser.

Um abraço,
My Shop
','','<1775304052.33.demo@returndesk.local>','sent',1,'','2026-04-04 11:57:30.000000','2026-04-04 12:00:52.000000','2026-04-04 12:00:52.000000','');
INSERT INTO "outbox_message" VALUES(34,12,NULL,'feedback','email','pt_BR','g.conceicao@hotmail.com','Gustavo, como foi sua devolução R-2026-00012?','Olá, Gustavo!

Como foi a devolução R-2026-00012? Responda com uma nota de 1 a 5, isso nos ajuda muito.

Um abraço,
My Shop
','','<1775642777.34.demo@returndesk.local>','sent',2,'','2026-04-07 14:52:31.000000','2026-04-08 10:06:17.000000','2026-04-08 10:06:17.000000','');
INSERT INTO "outbox_message" VALUES(35,13,50,'acknowledged','email','pt_BR','rodrigocalado@yahoo.com.br','Rodrigo, abrimos sua devolução R-2026-00013','Olá, Rodrigo!

Abrimos a devolução R-2026-00013. Traga ou envie os itens e nós cuidamos do resto.

Um abraço,
My Shop
','','<1774744598.35.demo@returndesk.local>','sent',1,'','2026-03-29 00:10:03.000000','2026-03-29 00:36:38.000000','2026-03-29 00:36:38.000000','');
INSERT INTO "outbox_message" VALUES(36,13,51,'received','email','pt_BR','rodrigocalado@yahoo.com.br','Rodrigo, recebemos sua devolução R-2026-00013','Olá, Rodrigo!

Sua devolução R-2026-00013 chegou. Vamos conferir os itens e logo damos notícias.

Um abraço,
My Shop
','','<1774899290.36.demo@returndesk.local>','failed',8,'Timed out: the mail server did not answer in time.','2026-03-30 18:18:23.000000','2026-03-30 19:34:50.000000',NULL,'');
INSERT INTO "outbox_message" VALUES(37,13,53,'approved','email','pt_BR','rodrigocalado@yahoo.com.br','Rodrigo, sua devolução R-2026-00013 foi aprovada','Olá, Rodrigo!

Boa notícia: a devolução R-2026-00013 foi aprovada. Em breve avisamos o próximo passo.

Um abraço,
My Shop
','','<1775392773.37.demo@returndesk.local>','sent',1,'','2026-04-05 10:47:57.000000','2026-04-05 12:39:33.000000','2026-04-05 12:39:33.000000','');
INSERT INTO "outbox_message" VALUES(38,13,54,'exchanged','email','pt_BR','rodrigocalado@yahoo.com.br','Rodrigo, sua troca da devolução R-2026-00013 está pronta','Olá, Rodrigo!

A troca da devolução R-2026-00013 está pronta; retire no balcão quando quiser.

Um abraço,
My Shop
','','<1775405512.38.demo@returndesk.local>','sent',1,'','2026-04-05 16:03:23.000000','2026-04-05 16:11:52.000000','2026-04-05 16:11:52.000000','');
INSERT INTO "outbox_message" VALUES(39,14,56,'acknowledged','sms','en','+447831656837','Chloé, we''ve opened your return R-2026-00014','My Shop: Chloé, We''ve opened return R-2026-00014. Bring or send us the items and we''ll take it from there.','','','sent',1,'','2026-03-29 00:11:03.000000','2026-03-29 02:34:27.000000','2026-03-29 02:34:27.000000','');
INSERT INTO "outbox_message" VALUES(40,14,57,'received','sms','en','+447831656837','Chloé, we''ve received your return R-2026-00014','My Shop: Chloé, Your return R-2026-00014 has arrived. We''ll check the items and get back to you soon.','','','sent',1,'','2026-04-02 14:07:49.000000','2026-04-02 23:38:35.000000','2026-04-02 23:38:35.000000','');
INSERT INTO "outbox_message" VALUES(41,14,NULL,'feedback','sms','en','+447831656837','Chloé, how did we do with return R-2026-00014?','My Shop: Chloé, How did we do with return R-2026-00014? Reply with a number from 1 to 5, it helps us a lot.','','','sent',2,'','2026-04-06 14:07:03.000000','2026-04-07 10:12:38.000000','2026-04-07 10:12:38.000000','');
INSERT INTO "outbox_message" VALUES(42,15,61,'received','email','pt_BR','lucialima@gmail.com','Lúcia, recebemos sua devolução R-2026-00015','Olá, Lúcia!

Sua devolução R-2026-00015 chegou. Vamos conferir os itens e logo damos notícias.

Um abraço,
My Shop
','','<1775668578.42.demo@returndesk.local>','sent',1,'','2026-04-08 16:35:57.000000','2026-04-08 17:16:18.000000','2026-04-08 17:16:18.000000','');
INSERT INTO "outbox_message" VALUES(43,15,62,'refunded','email','pt_BR','lucialima@gmail.com','Lúcia, seu reembolso da devolução R-2026-00015 está a caminho','Olá, Lúcia!

Reembolsamos a devolução R-2026-00015 na forma de pagamento original; o banco leva de 3 a 5 dias úteis.

Um abraço,
My Shop
','','<1775745267.43.demo@returndesk.local>','sent',1,'','2026-04-09 14:31:52.000000','2026-04-09 14:34:27.000000','2026-04-09 14:34:27.000000','');
INSERT INTO "outbox_message" VALUES(44,15,NULL,'feedback','email','pt_BR','lucialima@gmail.com','Lúcia, como foi sua devolução R-2026-00015?','Olá, Lúcia!

Como foi a devolução R-2026-00015? Responda com uma nota de 1 a 5, isso nos ajuda muito.

Um abraço,
My Shop
','','<1776074752.44.demo@returndesk.local>','sent',1,'','2026-04-12 12:24:20.000000','2026-04-13 10:05:52.000000','2026-04-13 10:05:52.000000','');
INSERT INTO "outbox_message" VALUES(45,16,64,'acknowledged','email','pt_BR','beatriz.galvao@uol.com.br','Beatriz, abrimos sua devolução R-2026-00016','Olá, Beatriz!

Abrimos a devolução R-2026-00016. Traga ou envie os itens e nós cuidamos do resto.

Um abraço,
My Shop
','','<1774751493.45.demo@returndesk.local>','sent',1,'','2026-03-29 00:16:56.000000','2026-03-29 02:31:33.000000','2026-03-29 02:31:33.000000','');
INSERT INTO "outbox_message" VALUES(46,16,65,'received','email','pt_BR','beatriz.galvao@uol.com.br','Beatriz, recebemos sua devolução R-2026-00016','Olá, Beatriz!

Sua devolução R-2026-00016 chegou. Vamos conferir os itens e logo damos notícias.

Um abraço,
My Shop
','','<1774979192.46.demo@returndesk.local>','sent',1,'','2026-03-31 17:42:29.000000','2026-03-31 17:46:32.000000','2026-03-31 17:46:32.000000','');
INSERT INTO "outbox_message" VALUES(47,16,66,'approved','email','pt_BR','beatriz.galvao@uol.com.br','Beatriz, sua devolução R-2026-00016 foi aprovada','Olá, Beatriz!

Boa notícia: a devolução R-2026-00016 foi aprovada. Em breve avisamos o próximo passo.

Um abraço,
My Shop
','','<1775129405.47.demo@returndesk.local>','sent',1,'','2026-04-02 11:18:58.000000','2026-04-02 11:30:05.000000','2026-04-02 11:30:05.000000','');
INSERT INTO "outbox_message" VALUES(48,16,67,'credited','email','pt_BR','beatriz.galvao@uol.com.br','Beatriz, seu crédito na loja pela devolução R-2026-00016','Olá, Beatriz!

Lançamos um crédito pela devolução R-2026-00016; use na loja ou no site.

Um abraço,
My Shop
','','<1775217710.48.demo@returndesk.local>','sent',1,'','2026-04-03 11:31:04.000000','2026-04-03 12:01:50.000000','2026-04-03 12:01:50.000000','');
INSERT INTO "outbox_message" VALUES(49,16,NULL,'feedback','email','pt_BR','beatriz.galvao@uol.com.br','Beatriz, como foi sua devolução R-2026-00016?','Olá, Beatriz!

Como foi a devolução R-2026-00016? Responda com uma nota de 1 a 5, isso nos ajuda muito.

Um abraço,
My Shop
','','<1775729679.49.demo@returndesk.local>','sent',1,'','2026-04-08 09:42:27.000000','2026-04-09 10:14:39.000000','2026-04-09 10:14:39.000000','');
INSERT INTO "outbox_message" VALUES(50,17,69,'acknowledged','email','en','k.evans@outlook.com','Kate, we''ve opened your return R-2026-00017','Hi Kate,

We''ve opened return R-2026-00017. Bring or send us the items and we''ll take it from there.

Kind regards,
My Shop
','','<1774743870.50.demo@returndesk.local>','sent',1,'','2026-03-29 00:16:58.000000','2026-03-29 00:24:30.000000','2026-03-29 00:24:30.000000','');
INSERT INTO "outbox_message" VALUES(51,18,71,'acknowledged','email','en','rhys.taylor@yahoo.co.uk','Rhys, we''ve opened your return R-2026-00018','Hi Rhys,

We''ve opened return R-2026-00018. Bring or send us the items and we''ll take it from there.

Kind regards,
My Shop
','','<1774743770.51.demo@returndesk.local>','sent',1,'','2026-03-29 00:19:13.000000','2026-03-29 00:22:50.000000','2026-03-29 00:22:50.000000','');
INSERT INTO "outbox_message" VALUES(52,18,72,'received','email','en','rhys.taylor@yahoo.co.uk','Rhys, we''ve received your return R-2026-00018','Hi Rhys,

Your return R-2026-00018 has arrived. We''ll check the items and get back to you soon.

Kind regards,
My Shop
','','<1775133756.52.demo@returndesk.local>','sent',1,'','2026-04-02 12:36:54.000000','2026-04-02 12:42:36.000000','2026-04-02 12:42:36.000000','');
INSERT INTO "outbox_message" VALUES(53,18,74,'rejected','email','en','rhys.taylor@yahoo.co.uk','Rhys, about your return R-2026-00018','Hi Rhys,

We''re sorry, we can''t accept return R-2026-00018. Your items are ready for you to collect.

Kind regards,
My Shop
','','<1775305110.53.demo@returndesk.local>','sent',1,'','2026-04-04 12:17:30.000000','2026-04-04 12:18:30.000000','2026-04-04 12:18:30.000000','');
INSERT INTO "outbox_message" VALUES(54,18,NULL,'feedback','email','en','rhys.taylor@yahoo.co.uk','Rhys, how did we do with return R-2026-00018?','Hi Rhys,

How did we do with return R-2026-00018? Reply with a number from 1 to 5, it helps us a lot.

Kind regards,
My Shop
','','<1775988274.54.demo@returndesk.local>','sent',1,'','2026-04-11 10:01:20.000000','2026-04-12 10:04:34.000000','2026-04-12 10:04:34.000000','');
INSERT INTO "outbox_message" VALUES(55,19,76,'acknowledged','email','pt_BR','maria.estevao@gmail.com','Maria, abrimos sua devolução R-2026-00019','Olá, Maria!

Abrimos a devolução R-2026-00019. Traga ou envie os itens e nós cuidamos do resto.

Um abraço,
My Shop
','','<1774744008.55.demo@returndesk.local>','sent',1,'','2026-03-29 00:19:47.000000','2026-03-29 00:26:48.000000','2026-03-29 00:26:48.000000','');
INSERT INTO "outbox_message" VALUES(56,20,78,'acknowledged','email','pt_BR','brunaleao@hotmail.com','Bruna, abrimos sua devolução R-2026-00020','Olá, Bruna!

Abrimos a devolução R-2026-00020. Traga ou envie os itens e nós cuidamos do resto.

Um abraço,
My Shop
','','<1774746158.56.demo@returndesk.local>','sent',1,'','2026-03-29 00:20:32.000000','2026-03-29 01:02:38.000000','2026-03-29 01:02:38.000000','');
INSERT INTO "outbox_message" VALUES(57,20,79,'received','email','pt_BR','brunaleao@hotmail.com','Bruna, recebemos sua devolução R-2026-00020','Olá, Bruna!

Sua devolução R-2026-00020 chegou. Vamos conferir os itens e logo damos notícias.

Um abraço,
My Shop
','','<1774962955.57.demo@returndesk.local>','sent',1,'','2026-03-31 13:13:22.000000','2026-03-31 13:15:55.000000','2026-03-31 13:15:55.000000','');
INSERT INTO "outbox_message" VALUES(58,20,80,'credited','email','pt_BR','brunaleao@hotmail.com','Bruna, seu crédito na loja pela devolução R-2026-00020','Olá, Bruna!

Lançamos um crédito pela devolução R-2026-00020; use na loja ou no site.

Um abraço,
My Shop
','','<1775041858.58.demo@returndesk.local>','sent',1,'','2026-04-01 10:35:21.000000','2026-04-01 11:10:58.000000','2026-04-01 11:10:58.000000','');
INSERT INTO "outbox_message" VALUES(59,20,NULL,'feedback','email','pt_BR','brunaleao@hotmail.com','Bruna, como foi sua devolução R-2026-00020?','Olá, Bruna!

Como foi a devolução R-2026-00020? Responda com uma nota de 1 a 5, isso nos ajuda muito.

Um abraço,
My Shop
','','<1775643176.59.demo@returndesk.local>','sent',1,'','2026-04-07 12:39:40.000000','2026-04-08 10:12:56.000000','2026-04-08 10:12:56.000000','');
INSERT INTO "outbox_message" VALUES(60,21,82,'acknowledged','email','pt_BR','l.galvao@gmail.com','Luís, abrimos sua devolução R-2026-00021','Olá, Luís!

Abrimos a devolução R-2026-00021. Traga ou envie os itens e nós cuidamos do resto.

Um abraço,
My Shop
','','<1774744191.60.demo@returndesk.local>','sent',1,'','2026-03-29 00:20:54.000000','2026-03-29 00:29:51.000000','2026-03-29 00:29:51.000000','');
INSERT INTO "outbox_message" VALUES(61,21,83,'received','email','pt_BR','l.galvao@gmail.com','Luís, recebemos sua devolução R-2026-00021','Olá, Luís!

Sua devolução R-2026-00021 chegou. Vamos conferir os itens e logo damos notícias.

Um abraço,
My Shop
','','<1775397846.61.demo@returndesk.local>','sent',1,'','2026-04-05 13:55:20.000000','2026-04-05 14:04:06.000000','2026-04-05 14:04:06.000000','');
INSERT INTO "outbox_message" VALUES(62,21,84,'exchanged','email','pt_BR','l.galvao@gmail.com','Luís, sua troca da devolução R-2026-00021 está pronta','Olá, Luís!

A troca da devolução R-2026-00021 está pronta; retire no balcão quando quiser.

Um abraço,
My Shop
','','<1775660862.62.demo@returndesk.local>','sent',1,'','2026-04-08 14:37:50.000000','2026-04-08 15:07:42.000000','2026-04-08 15:07:42.000000','');
INSERT INTO "outbox_message" VALUES(63,21,NULL,'feedback','email','pt_BR','l.galvao@gmail.com','Luís, como foi sua devolução R-2026-00021?','Olá, Luís!

Como foi a devolução R-2026-00021? Responda com uma nota de 1 a 5, isso nos ajuda muito.

Um abraço,
My Shop
','','<1776852188.63.demo@returndesk.local>','sent',1,'','2026-04-21 17:17:50.000000','2026-04-22 10:03:08.000000','2026-04-22 10:03:08.000000','');
INSERT INTO "outbox_message" VALUES(64,23,88,'acknowledged','sms','en','+447863359087','Laura, we''ve opened your return R-2026-00023','My Shop: Laura, We''ve opened return R-2026-00023. Bring or send us the items and we''ll take it from there.','','','sent',1,'','2026-03-29 00:22:17.000000','2026-03-29 00:28:39.000000','2026-03-29 00:28:39.000000','');
INSERT INTO "outbox_message" VALUES(65,23,89,'received','sms','en','+447863359087','Laura, we''ve received your return R-2026-00023','My Shop: Laura, Your return R-2026-00023 has arrived. We''ll check the items and get back to you soon.','','','sent',1,'','2026-04-03 14:30:42.000000','2026-04-03 14:38:13.000000','2026-04-03 14:38:13.000000','');
INSERT INTO "outbox_message" VALUES(66,23,90,'refunded','sms','en','+447863359087','Laura, your refund for R-2026-00023 is on its way','My Shop: Laura, We''ve refunded return R-2026-00023 to your original payment method; banks take 3-5 working days.','','','sent',1,'','2026-04-05 13:24:48.000000','2026-04-05 14:29:02.000000','2026-04-05 14:29:02.000000','');
INSERT INTO "outbox_message" VALUES(67,23,NULL,'feedback','sms','en','+447863359087','Laura, how did we do with return R-2026-00023?','My Shop: Laura, How did we do with return R-2026-00023? Reply with a number from 1 to 5, it helps us a lot.','','','sent',1,'','2026-04-16 10:22:54.000000','2026-04-17 10:07:38.000000','2026-04-17 10:07:38.000000','');
INSERT INTO "outbox_message" VALUES(68,24,92,'acknowledged','email','en','sean1977@yahoo.co.uk','Seán, we''ve opened your return R-2026-00024','Hi Seán,

We''ve opened return R-2026-00024. Bring or send us the items and we''ll take it from there.

Kind regards,
My Shop
','','<1774744239.68.demo@returndesk.local>','sent',1,'','2026-03-29 00:22:27.000000','2026-03-29 00:30:39.000000','2026-03-29 00:30:39.000000','');
INSERT INTO "outbox_message" VALUES(69,24,93,'received','email','en','sean1977@yahoo.co.uk','Seán, we''ve received your return R-2026-00024','Hi Seán,

Your return R-2026-00024 has arrived. We''ll check the items and get back to you soon.

Kind regards,
My Shop
','','<1775408165.69.demo@returndesk.local>','sent',1,'','2026-04-05 16:38:40.000000','2026-04-05 16:56:05.000000','2026-04-05 16:56:05.000000','');
INSERT INTO "outbox_message" VALUES(70,24,96,'refunded','email','en','sean1977@yahoo.co.uk','Seán, your refund for R-2026-00024 is on its way','Hi Seán,

We''ve refunded return R-2026-00024 to your original payment method; banks take 3-5 working days.

Kind regards,
My Shop
','','<1775931334.70.demo@returndesk.local>','sent',1,'','2026-04-11 18:08:31.000000','2026-04-11 18:15:34.000000','2026-04-11 18:15:34.000000','');
INSERT INTO "outbox_message" VALUES(71,24,NULL,'feedback','email','en','sean1977@yahoo.co.uk','Seán, how did we do with return R-2026-00024?','Hi Seán,

How did we do with return R-2026-00024? Reply with a number from 1 to 5, it helps us a lot.

Kind regards,
My Shop
','','<1776852615.71.demo@returndesk.local>','failed',8,'Timed out: the mail server did not answer in time.','2026-04-21 15:29:34.000000','2026-04-22 10:10:15.000000',NULL,'');
INSERT INTO "outbox_message" VALUES(72,25,98,'acknowledged','email','pt_BR','c.dias@gmail.com','Cecília, abrimos sua devolução R-2026-00025','Olá, Cecília!

Abrimos a devolução R-2026-00025. Traga ou envie os itens e nós cuidamos do resto.

Um abraço,
My Shop
','','<1774744119.72.demo@returndesk.local>','sent',1,'','2026-03-29 00:22:42.000000','2026-03-29 00:28:39.000000','2026-03-29 00:28:39.000000','');
INSERT INTO "outbox_message" VALUES(73,25,99,'received','email','pt_BR','c.dias@gmail.com','Cecília, recebemos sua devolução R-2026-00025','Olá, Cecília!

Sua devolução R-2026-00025 chegou. Vamos conferir os itens e logo damos notícias.

Um abraço,
My Shop
','','<1775127712.73.demo@returndesk.local>','sent',1,'','2026-04-02 10:59:21.000000','2026-04-02 11:01:52.000000','2026-04-02 11:01:52.000000','');
INSERT INTO "outbox_message" VALUES(74,25,100,'approved','email','pt_BR','c.dias@gmail.com','Cecília, sua devolução R-2026-00025 foi aprovada','Olá, Cecília!

Boa notícia: a devolução R-2026-00025 foi aprovada. Em breve avisamos o próximo passo.

Um abraço,
My Shop
','','<1775402826.74.demo@returndesk.local>','sent',1,'','2026-04-05 15:16:58.000000','2026-04-05 15:27:06.000000','2026-04-05 15:27:06.000000','');
INSERT INTO "outbox_message" VALUES(75,25,101,'credited','email','pt_BR','c.dias@gmail.com','Cecília, seu crédito na loja pela devolução R-2026-00025','Olá, Cecília!

Lançamos um crédito pela devolução R-2026-00025; use na loja ou no site.

Um abraço,
My Shop
','','<1775668934.75.demo@returndesk.local>','sent',2,'','2026-04-08 15:55:46.000000','2026-04-08 17:22:14.000000','2026-04-08 17:22:14.000000','');
INSERT INTO "outbox_message" VALUES(76,25,NULL,'feedback','email','pt_BR','c.dias@gmail.com','Cecília, como foi sua devolução R-2026-00025?','Olá, Cecília!

Como foi a devolução R-2026-00025? Responda com uma nota de 1 a 5, isso nos ajuda muito.

Um abraço,
My Shop
','','<1776161002.76.demo@returndesk.local>','sent',1,'','2026-04-13 09:01:53.000000','2026-04-14 10:03:22.000000','2026-04-14 10:03:22.000000','');
CREATE TABLE portal_link (
	id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	revoked_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE, 
	UNIQUE (token_hash)
);
CREATE TABLE portal_revocation (
	id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	revoked_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE, 
	UNIQUE (return_id, version)
);
CREATE TABLE product (
	id INTEGER NOT NULL, 
	sku VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	variant VARCHAR(100) NOT NULL, 
	price_cents INTEGER NOT NULL, 
	category VARCHAR(100) NOT NULL, 
	returnable BOOLEAN NOT NULL, 
	default_disposition VARCHAR(20), 
	search_key VARCHAR(400) NOT NULL, 
	external_ref VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (sku)
);
CREATE TABLE product_barcode (
	code VARCHAR(48) NOT NULL, 
	product_id INTEGER NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	PRIMARY KEY (code), 
	FOREIGN KEY(product_id) REFERENCES product (id) ON DELETE CASCADE
);
CREATE TABLE product_word (
	word VARCHAR(100) NOT NULL, 
	product_id INTEGER NOT NULL, 
	PRIMARY KEY (word, product_id), 
	FOREIGN KEY(product_id) REFERENCES product (id) ON DELETE CASCADE
);
CREATE TABLE report_line (
	line_id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	customer_id INTEGER NOT NULL, 
	kept BOOLEAN NOT NULL, 
	sku VARCHAR(64) NOT NULL, 
	quantity INTEGER NOT NULL, 
	first_of_sku BOOLEAN NOT NULL, 
	PRIMARY KEY (line_id), 
	FOREIGN KEY(line_id) REFERENCES return_line (id) ON DELETE CASCADE, 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE
);
INSERT INTO "report_line" VALUES(1,1,'2026-03-29',1,1,'BOX-1705',1,1);
INSERT INTO "report_line" VALUES(2,1,'2026-03-29',1,1,'KNF-1620',1,1);
INSERT INTO "report_line" VALUES(3,2,'2026-03-29',2,1,'LOF-8410-40',1,1);
INSERT INTO "report_line" VALUES(4,3,'2026-03-29',3,1,'CHN-3402-28',1,1);
INSERT INTO "report_line" VALUES(5,4,'2026-03-29',4,0,'KNT-5030-XS',1,1);
INSERT INTO "report_line" VALUES(6,5,'2026-03-29',5,1,'SNK-8130-41',1,1);
INSERT INTO "report_line" VALUES(7,6,'2026-03-29',6,0,'KTL-9510',1,1);
INSERT INTO "report_line" VALUES(8,6,'2026-03-29',6,0,'LOF-8410-37',1,1);
INSERT INTO "report_line" VALUES(9,7,'2026-03-29',7,1,'JKT-6003-M',1,1);
INSERT INTO "report_line" VALUES(10,8,'2026-03-29',8,0,'CHN-3402-32',1,1);
INSERT INTO "report_line" VALUES(11,9,'2026-03-29',9,1,'CSH-1401',1,1);
INSERT INTO "report_line" VALUES(12,10,'2026-03-29',10,1,'KBD-9307',1,1);
INSERT INTO "report_line" VALUES(13,11,'2026-03-29',11,1,'CHN-3402-34',1,1);
INSERT INTO "report_line" VALUES(14,12,'2026-03-29',12,1,'PLT-1215',3,1);
INSERT INTO "report_line" VALUES(15,12,'2026-03-29',12,1,'JNS-3310-28',1,1);
INSERT INTO "report_line" VALUES(16,13,'2026-03-29',13,1,'MSE-9311',1,1);
INSERT INTO "report_line" VALUES(17,14,'2026-03-29',14,1,'JNS-3310-28',3,1);
INSERT INTO "report_line" VALUES(18,14,'2026-03-29',14,1,'BED-1340',2,1);
INSERT INTO "report_line" VALUES(19,15,'2026-03-29',15,1,'DRS-4188-M',1,1);
INSERT INTO "report_line" VALUES(20,16,'2026-03-29',16,1,'DRS-4188-XS',3,1);
INSERT INTO "report_line" VALUES(21,16,'2026-03-29',16,1,'TSH-1043-S',1,1);
INSERT INTO "report_line" VALUES(22,17,'2026-03-29',17,0,'CBL-9220',1,1);
INSERT INTO "report_line" VALUES(23,18,'2026-03-29',18,1,'TST-9522',1,1);
INSERT INTO "report_line" VALUES(24,19,'2026-03-29',19,0,'TSH-1107-L',1,1);
INSERT INTO "report_line" VALUES(25,20,'2026-03-29',20,1,'TSH-1043-S',1,1);
INSERT INTO "report_line" VALUES(26,20,'2026-03-29',20,1,'CSH-1401',1,1);
INSERT INTO "report_line" VALUES(27,21,'2026-03-29',21,1,'JNS-3325-34',2,1);
INSERT INTO "report_line" VALUES(28,22,'2026-03-29',22,0,'BOT-8204-37',1,1);
INSERT INTO "report_line" VALUES(29,23,'2026-03-29',23,1,'SNK-8130-37',1,1);
INSERT INTO "report_line" VALUES(30,23,'2026-03-29',23,1,'SOC-7310-S',1,1);
INSERT INTO "report_line" VALUES(31,24,'2026-03-29',24,1,'SNK-8101-40',1,1);
INSERT INTO "report_line" VALUES(32,25,'2026-03-29',25,1,'TST-9522',1,1);
INSERT INTO "report_line" VALUES(33,25,'2026-03-29',25,1,'SPK-9105',1,1);
INSERT INTO "report_line" VALUES(34,25,'2026-03-29',25,1,'KNT-5030-XL',1,1);
CREATE TABLE report_response (
	status_change_id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	customer_id INTEGER NOT NULL, 
	hours FLOAT NOT NULL, 
	PRIMARY KEY (status_change_id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE, 
	FOREIGN KEY(status_change_id) REFERENCES status_change (id) ON DELETE CASCADE
);
INSERT INTO "report_response" VALUES(1,1,'2026-03-29',1,1.4833333231508731842e+00);
INSERT INTO "report_response" VALUES(2,1,'2026-03-29',1,5.60000002384185791015e-01);
INSERT INTO "report_response" VALUES(3,1,'2026-03-29',1,1.8888888135552406311e-01);
INSERT INTO "report_response" VALUES(4,1,'2026-03-29',1,6.2222220003604888916e-02);
INSERT INTO "report_response" VALUES(6,2,'2026-03-29',2,1.18138889595866203308e+00);
INSERT INTO "report_response" VALUES(7,2,'2026-03-29',2,3.66666667163372039794e-01);
INSERT INTO "report_response" VALUES(8,2,'2026-03-29',2,3.30555550754070281982e-02);
INSERT INTO "report_response" VALUES(10,3,'2026-03-29',3,2.14999996125698089599e-01);
INSERT INTO "report_response" VALUES(11,3,'2026-03-29',3,1.14444449543952941894e-01);
INSERT INTO "report_response" VALUES(13,3,'2026-03-29',3,3.140833340585231781e+00);
INSERT INTO "report_response" VALUES(14,3,'2026-03-29',3,1.03083333000540733337e+00);
INSERT INTO "report_response" VALUES(16,4,'2026-03-29',4,8.24999995529651641845e-02);
INSERT INTO "report_response" VALUES(25,7,'2026-03-29',7,2.00277775526046752929e-01);
INSERT INTO "report_response" VALUES(26,7,'2026-03-29',7,4.6972222253680229187e-01);
INSERT INTO "report_response" VALUES(27,7,'2026-03-29',7,8.69444422423839569091e-02);
INSERT INTO "report_response" VALUES(28,7,'2026-03-29',7,1.29722222685813903808e-01);
INSERT INTO "report_response" VALUES(32,9,'2026-03-29',9,5.57222217321395874023e-01);
INSERT INTO "report_response" VALUES(33,9,'2026-03-29',9,3.18249999359250068664e+00);
INSERT INTO "report_response" VALUES(35,9,'2026-03-29',9,2.27500006556510925292e-01);
INSERT INTO "report_response" VALUES(36,9,'2026-03-29',9,9.06666666269302368164e-01);
INSERT INTO "report_response" VALUES(42,11,'2026-03-29',11,1.3194444403052330017e-01);
INSERT INTO "report_response" VALUES(43,11,'2026-03-29',11,1.13138888776302337646e+00);
INSERT INTO "report_response" VALUES(44,11,'2026-03-29',11,1.53333328664302825927e-01);
INSERT INTO "report_response" VALUES(46,12,'2026-03-29',12,4.66666705906391143798e-02);
INSERT INTO "report_response" VALUES(47,12,'2026-03-29',12,0.0949999988079071);
INSERT INTO "report_response" VALUES(48,12,'2026-03-29',12,5.61111085116863250732e-02);
INSERT INTO "report_response" VALUES(50,13,'2026-03-29',13,4.43055555224418640136e-01);
INSERT INTO "report_response" VALUES(53,13,'2026-03-29',13,1.8600000031292438507e+00);
INSERT INTO "report_response" VALUES(54,13,'2026-03-29',13,1.41388881951570510864e-01);
INSERT INTO "report_response" VALUES(56,14,'2026-03-29',14,2.39000000059604644775e+00);
INSERT INTO "report_response" VALUES(57,14,'2026-03-29',14,9.51277777925133705139e+00);
INSERT INTO "report_response" VALUES(61,15,'2026-03-29',15,6.72500006854534149169e-01);
INSERT INTO "report_response" VALUES(62,15,'2026-03-29',15,4.30555567145347595214e-02);
INSERT INTO "report_response" VALUES(64,16,'2026-03-29',16,2.24361111223697662353e+00);
INSERT INTO "report_response" VALUES(65,16,'2026-03-29',16,6.75000026822090148925e-02);
INSERT INTO "report_response" VALUES(66,16,'2026-03-29',16,1.85277778655290603637e-01);
INSERT INTO "report_response" VALUES(67,16,'2026-03-29',16,0.512777779251337);
INSERT INTO "report_response" VALUES(69,17,'2026-03-29',17,1.25555556267499923706e-01);
INSERT INTO "report_response" VALUES(71,18,'2026-03-29',18,0.0602777861058712);
INSERT INTO "report_response" VALUES(72,18,'2026-03-29',18,0.095000009983778);
INSERT INTO "report_response" VALUES(74,18,'2026-03-29',18,1.66666656732559204101e-02);
INSERT INTO "report_response" VALUES(76,19,'2026-03-29',19,1.16944447159767150878e-01);
INSERT INTO "report_response" VALUES(78,20,'2026-03-29',20,0.701666671782732);
INSERT INTO "report_response" VALUES(79,20,'2026-03-29',20,4.25000041723251342773e-02);
INSERT INTO "report_response" VALUES(80,20,'2026-03-29',20,5.93611110001802444458e-01);
INSERT INTO "report_response" VALUES(82,21,'2026-03-29',21,1.49166662245988845825e-01);
INSERT INTO "report_response" VALUES(83,21,'2026-03-29',21,0.146111112087965);
INSERT INTO "report_response" VALUES(84,21,'2026-03-29',21,0.49777777120471);
INSERT INTO "report_response" VALUES(88,23,'2026-03-29',23,1.06111116707324981689e-01);
INSERT INTO "report_response" VALUES(89,23,'2026-03-29',23,1.25277779996395111083e-01);
INSERT INTO "report_response" VALUES(90,23,'2026-03-29',23,1.07055556029081344604e+00);
INSERT INTO "report_response" VALUES(92,24,'2026-03-29',24,1.36666662991046905517e-01);
INSERT INTO "report_response" VALUES(93,24,'2026-03-29',24,2.90277779102325439453e-01);
INSERT INTO "report_response" VALUES(96,24,'2026-03-29',24,1.17499999701976776123e-01);
INSERT INTO "report_response" VALUES(98,25,'2026-03-29',25,9.91666652262210845947e-02);
INSERT INTO "report_response" VALUES(99,25,'2026-03-29',25,4.19444516301155090332e-02);
INSERT INTO "report_response" VALUES(100,25,'2026-03-29',25,1.68888889253139495849e-01);
INSERT INTO "report_response" VALUES(101,25,'2026-03-29',25,1.44111111760139465332e+00);
CREATE TABLE report_return (
	return_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	customer_id INTEGER NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	reason VARCHAR(40) NOT NULL, 
	refund_method VARCHAR(20) NOT NULL, 
	amount_cents INTEGER NOT NULL, 
	settled_status VARCHAR(20), 
	settle_days FLOAT, 
	rating INTEGER, 
	asked BOOLEAN NOT NULL, 
	restock_lines INTEGER NOT NULL, 
	restock_items INTEGER NOT NULL, 
	refurbish_lines INTEGER NOT NULL, 
	refurbish_items INTEGER NOT NULL, 
	recycle_lines INTEGER NOT NULL, 
	recycle_items INTEGER NOT NULL, 
	donate_lines INTEGER NOT NULL, 
	donate_items INTEGER NOT NULL, 
	discard_lines INTEGER NOT NULL, 
	discard_items INTEGER NOT NULL, currency VARCHAR(3) DEFAULT 'EUR' NOT NULL, 
	PRIMARY KEY (return_id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE
);
INSERT INTO "report_return" VALUES(1,'2026-03-29',1,'closed','other','original',7998,'refunded',3.04098379611969,NULL,1,2,2,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(2,'2026-03-29',2,'closed','changed_mind','original',7999,'refunded',2.9788657408207654953e+00,NULL,1,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(3,'2026-03-29',3,'closed','wrong_size','exchange',4499,'exchanged',6.02263888902962207794e+00,5,1,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(4,'2026-03-29',4,'cancelled','other','original',6750,NULL,NULL,NULL,0,0,0,0,0,0,0,1,1,0,0,'EUR');
INSERT INTO "report_return" VALUES(5,'2026-03-29',5,'closed','wrong_size','original',8999,'refunded',3.09754629665985703468e+00,NULL,0,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(6,'2026-03-29',6,'cancelled','wrong_size','original',11998,NULL,NULL,NULL,0,2,2,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(7,'2026-03-29',7,'closed','defective','original',8999,'refunded',2.09113425947725772857e+00,5,1,0,0,0,0,1,1,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(8,'2026-03-29',8,'cancelled','not_as_described','original',4499,NULL,NULL,NULL,0,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(9,'2026-03-29',9,'closed','changed_mind','original',1499,'refunded',2.29967592610046267509e+00,3,1,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(10,'2026-03-29',10,'closed','wrong_item','store_credit',4999,'credited',1.38888885267078876495e-02,NULL,0,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(11,'2026-03-29',11,'closed','other','store_credit',4499,'credited',2.71585648134350776672e+00,NULL,1,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(12,'2026-03-29',12,'closed','wrong_size','exchange',17996,'exchanged',1.89508101856336,NULL,1,2,4,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(13,'2026-03-29',13,'closed','changed_mind','exchange',3499,'exchanged',5.90625,NULL,0,0,0,1,1,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(14,'2026-03-29',14,'closed','defective','original',32398,'refunded',9.48101851623505353927e-01,NULL,1,0,0,0,0,1,2,0,0,1,3,'EUR');
INSERT INTO "report_return" VALUES(15,'2026-03-29',15,'closed','changed_mind','original',7999,'refunded',9.13831018377095460891e-01,NULL,1,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(16,'2026-03-29',16,'closed','damaged','store_credit',21199,'credited',2.74207175942137837409e+00,4,1,0,0,0,0,1,3,1,1,0,0,'EUR');
INSERT INTO "report_return" VALUES(17,'2026-03-29',17,'cancelled','arrived_late','original',1170,NULL,NULL,NULL,0,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(18,'2026-03-29',18,'closed','not_as_described','store_credit',4499,NULL,NULL,NULL,1,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(19,'2026-03-29',19,'cancelled','wrong_size','original',2999,NULL,NULL,NULL,0,0,0,0,0,0,0,1,1,0,0,'EUR');
INSERT INTO "report_return" VALUES(20,'2026-03-29',20,'closed','not_as_described','store_credit',3498,'credited',8.90266203787177801132e-01,NULL,1,2,2,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(21,'2026-03-29',21,'closed','wrong_size','exchange',10998,'exchanged',3.02951388899236917495e+00,5,1,1,2,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(22,'2026-03-29',22,'cancelled','not_as_described','original',11999,NULL,NULL,NULL,0,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(23,'2026-03-29',23,'closed','damaged','original',10298,'refunded',1.95423611113801598548e+00,NULL,1,0,0,0,0,1,1,0,0,1,1,'EUR');
INSERT INTO "report_return" VALUES(24,'2026-03-29',24,'closed','not_as_described','original',4950,'refunded',6.06239583343267440795e+00,NULL,0,1,1,0,0,0,0,0,0,0,0,'EUR');
INSERT INTO "report_return" VALUES(25,'2026-03-29',25,'closed','wrong_size','store_credit',17997,'credited',6.20584490755572915077e+00,NULL,1,3,3,0,0,0,0,0,0,0,0,'EUR');
CREATE TABLE return (
	intake VARCHAR(20) NOT NULL, 
	purchase_date DATE, 
	purchase_ref VARCHAR(100) NOT NULL, 
	reason VARCHAR(40) NOT NULL, 
	reason_text VARCHAR NOT NULL, 
	refund_method VARCHAR(20) NOT NULL, 
	id INTEGER NOT NULL, 
	number VARCHAR(20) NOT NULL, 
	customer_id INTEGER NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	total_cents INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, fee_cents INTEGER DEFAULT '0' NOT NULL, bonus_cents INTEGER DEFAULT '0' NOT NULL, settlement_cents INTEGER DEFAULT '0' NOT NULL, currency VARCHAR(3) DEFAULT 'EUR' NOT NULL, sale_id INTEGER REFERENCES sale (id), 
	PRIMARY KEY (id), 
	FOREIGN KEY(customer_id) REFERENCES customer (id), 
	UNIQUE (number)
);
INSERT INTO "return" VALUES('mail','2026-03-19','WEB-48210002','other','Bought twice by mistake.','original',1,'R-2026-00001',1,'closed',7998,'2026-03-29 00:00:19.000000','2026-04-19 09:10:36.000000',5,0,0,0,'EUR',1);
INSERT INTO "return" VALUES('mail','2026-03-18','WEB-48210004','changed_mind','','original',2,'R-2026-00002',2,'closed',7999,'2026-03-29 00:01:38.000000','2026-04-13 09:20:40.000000',4,0,0,0,'EUR',2);
INSERT INTO "return" VALUES('mail','2026-03-07','WEB-48210007','wrong_size','','exchange',3,'R-2026-00003',3,'closed',4499,'2026-03-29 00:02:05.000000','2026-04-27 14:10:37.000000',6,0,0,0,'EUR',3);
INSERT INTO "return" VALUES('mail','2026-03-26','WEB-48210011','other','Bought twice by mistake.','original',4,'R-2026-00004',4,'cancelled',6750,'2026-03-29 00:02:20.000000','2026-04-07 09:04:20.000000',2,0,0,0,'EUR',4);
INSERT INTO "return" VALUES('mail','2026-03-17','WEB-48210015','wrong_size','','original',5,'R-2026-00005',5,'closed',8999,'2026-03-29 00:02:28.000000','2026-04-15 16:39:08.000000',5,0,0,0,'EUR',5);
INSERT INTO "return" VALUES('mail','2026-03-21','WEB-48210018','wrong_size','Too small across the shoulders.','original',6,'R-2026-00006',6,'cancelled',11998,'2026-03-29 00:03:05.000000','2026-04-23 11:01:57.000000',2,0,0,0,'EUR',6);
INSERT INTO "return" VALUES('mail','2026-03-13','','defective','','original',7,'R-2026-00007',7,'closed',8999,'2026-03-29 00:03:27.000000','2026-04-16 12:56:47.000000',5,0,0,0,'EUR',NULL);
INSERT INTO "return" VALUES('mail','2026-03-19','','not_as_described','','original',8,'R-2026-00008',8,'cancelled',4499,'2026-03-29 00:03:31.000000','2026-04-13 15:54:55.000000',2,0,0,0,'EUR',NULL);
INSERT INTO "return" VALUES('mail','2026-03-09','WEB-48210021','changed_mind','','original',9,'R-2026-00009',9,'closed',1499,'2026-03-29 00:05:33.000000','2026-04-15 13:41:34.000000',6,0,0,0,'EUR',7);
INSERT INTO "return" VALUES('mail','2026-03-06','WEB-48210022','wrong_item','','store_credit',10,'R-2026-00010',10,'closed',4999,'2026-03-29 00:05:55.000000','2026-04-15 11:37:40.000000',4,0,0,0,'EUR',8);
INSERT INTO "return" VALUES('mail','2026-03-08','WEB-48210026','other','Comprado em duplicidade.','store_credit',11,'R-2026-00011',11,'closed',4499,'2026-03-29 00:07:32.000000','2026-04-16 15:43:32.000000',4,0,0,0,'EUR',9);
INSERT INTO "return" VALUES('mail','2026-03-24','WEB-48210029','wrong_size','','exchange',12,'R-2026-00012',12,'closed',17996,'2026-03-29 00:09:33.000000','2026-04-07 14:52:31.000000',4,0,0,0,'EUR',10);
INSERT INTO "return" VALUES('mail','2026-03-09','WEB-48210032','changed_mind','','exchange',13,'R-2026-00013',13,'closed',3499,'2026-03-29 00:10:03.000000','2026-04-12 10:29:01.000000',6,0,0,0,'EUR',11);
INSERT INTO "return" VALUES('mail','2026-03-10','WEB-48210035','defective','','original',14,'R-2026-00014',14,'closed',32398,'2026-03-29 00:11:03.000000','2026-04-06 14:07:03.000000',4,0,0,0,'EUR',12);
INSERT INTO "return" VALUES('mail','2026-03-12','WEB-48210037','changed_mind','Found it cheaper elsewhere.','original',15,'R-2026-00015',15,'closed',7999,'2026-03-29 00:13:22.000000','2026-04-12 12:24:20.000000',4,0,0,0,'EUR',13);
INSERT INTO "return" VALUES('mail','2026-03-02','WEB-48210041','damaged','','store_credit',16,'R-2026-00016',16,'closed',21199,'2026-03-29 00:16:56.000000','2026-04-08 09:42:27.000000',5,0,0,0,'EUR',14);
INSERT INTO "return" VALUES('mail','2026-03-09','WEB-48210043','arrived_late','Needed it for a trip; came after.','original',17,'R-2026-00017',17,'cancelled',1170,'2026-03-29 00:16:58.000000','2026-04-17 09:35:35.000000',2,0,0,0,'EUR',15);
INSERT INTO "return" VALUES('mail','2026-03-18','WEB-48210047','not_as_described','','store_credit',18,'R-2026-00018',18,'closed',4499,'2026-03-29 00:19:13.000000','2026-04-11 10:01:20.000000',5,0,0,0,'EUR',16);
INSERT INTO "return" VALUES('mail','2026-03-20','WEB-48210048','wrong_size','','original',19,'R-2026-00019',19,'cancelled',2999,'2026-03-29 00:19:47.000000','2026-04-14 09:07:07.000000',2,0,0,0,'EUR',17);
INSERT INTO "return" VALUES('mail','2026-03-19','WEB-48210051','not_as_described','Colour differs from the website photo.','store_credit',20,'R-2026-00020',20,'closed',3498,'2026-03-29 00:20:32.000000','2026-04-07 12:39:40.000000',4,0,0,0,'EUR',18);
INSERT INTO "return" VALUES('mail','2026-03-19','WEB-48210052','wrong_size','Runs large.','exchange',21,'R-2026-00021',21,'closed',10998,'2026-03-29 00:20:54.000000','2026-04-21 17:17:50.000000',4,0,0,0,'EUR',19);
INSERT INTO "return" VALUES('mail','2026-03-18','WEB-48210056','not_as_described','','original',22,'R-2026-00022',22,'cancelled',11999,'2026-03-29 00:22:10.000000','2026-04-26 13:22:57.000000',2,0,0,0,'EUR',20);
INSERT INTO "return" VALUES('mail','2026-03-17','WEB-48210060','damaged','','original',23,'R-2026-00023',23,'closed',10298,'2026-03-29 00:22:17.000000','2026-04-16 10:22:54.000000',4,0,0,0,'EUR',21);
INSERT INTO "return" VALUES('mail','2026-03-09','WEB-48210061','not_as_described','','original',24,'R-2026-00024',24,'closed',4950,'2026-03-29 00:22:27.000000','2026-04-21 15:29:34.000000',6,0,0,0,'EUR',22);
INSERT INTO "return" VALUES('mail','2026-03-06','WEB-48210063','wrong_size','','store_credit',25,'R-2026-00025',25,'closed',17997,'2026-03-29 00:22:42.000000','2026-04-13 09:01:53.000000',5,0,0,0,'EUR',23);
CREATE TABLE return_line (
	sku VARCHAR(64) NOT NULL, 
	description VARCHAR(300) NOT NULL, 
	serial VARCHAR(100) NOT NULL, 
	quantity INTEGER NOT NULL, 
	unit_price_cents INTEGER NOT NULL, 
	condition VARCHAR(20) NOT NULL, 
	disposition VARCHAR(20) NOT NULL, 
	id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, product_id INTEGER REFERENCES product (id), sale_line_id INTEGER REFERENCES sale_line (id), price_source VARCHAR(10) DEFAULT 'typed' NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE
);
INSERT INTO "return_line" VALUES('BOX-1705','Storage baskets, set of 3','',1,2999,'opened','restock',1,1,182,1,'paid');
INSERT INTO "return_line" VALUES('KNF-1620','Chef''s knife 20 cm','',1,4999,'unopened','restock',2,1,181,3,'paid');
INSERT INTO "return_line" VALUES('LOF-8410-40','Suede loafers, navy, size 40','',1,7999,'opened','restock',3,2,142,6,'paid');
INSERT INTO "return_line" VALUES('CHN-3402-28','Chino trousers, olive, size 28','',1,4499,'unopened','restock',4,3,36,7,'paid');
INSERT INTO "return_line" VALUES('KNT-5030-XS','Cable-knit cardigan, cream, size XS','',1,6750,'damaged','donate',5,4,56,9,'paid');
INSERT INTO "return_line" VALUES('SNK-8130-41','Running shoes, blue/orange, size 41','',1,8999,'unopened','restock',6,5,103,10,'paid');
INSERT INTO "return_line" VALUES('KTL-9510','Electric kettle 1.7 L','KT20454E30BA',1,3999,'unopened','restock',7,6,167,12,'paid');
INSERT INTO "return_line" VALUES('LOF-8410-37','Suede loafers, navy, size 37','',1,7999,'unopened','restock',8,6,139,14,'paid');
INSERT INTO "return_line" VALUES('JKT-6003-M','Waterproof rain jacket, yellow, size M','',1,8999,'defective','recycle',9,7,63,NULL,'catalogue');
INSERT INTO "return_line" VALUES('CHN-3402-32','Chino trousers, olive, size 32','',1,4499,'unopened','restock',10,8,38,NULL,'catalogue');
INSERT INTO "return_line" VALUES('CSH-1401','Velvet cushion cover, mustard','',1,1499,'unopened','restock',11,9,176,17,'paid');
INSERT INTO "return_line" VALUES('KBD-9307','Wireless keyboard, compact','',1,4999,'unopened','restock',12,10,164,18,'paid');
INSERT INTO "return_line" VALUES('CHN-3402-34','Chino trousers, olive, size 34','',1,4499,'opened','restock',13,11,39,19,'paid');
INSERT INTO "return_line" VALUES('PLT-1215','Dinner plates, set of 4','',3,3999,'unopened','restock',14,12,172,22,'paid');
INSERT INTO "return_line" VALUES('JNS-3310-28','Slim jeans, dark wash, size 28','',1,5999,'opened','restock',15,12,26,23,'paid');
INSERT INTO "return_line" VALUES('MSE-9311','Ergonomic wireless mouse','',1,3499,'opened','refurbish',16,13,165,26,'paid');
INSERT INTO "return_line" VALUES('JNS-3310-28','Slim jeans, dark wash, size 28','',3,4800,'defective','discard',17,14,26,27,'paid');
INSERT INTO "return_line" VALUES('BED-1340','Linen duvet cover, double','',2,8999,'defective','recycle',18,14,175,28,'paid');
INSERT INTO "return_line" VALUES('DRS-4188-M','Knitted midi dress, rust, size M','',1,7999,'unopened','restock',19,15,48,29,'paid');
INSERT INTO "return_line" VALUES('DRS-4188-XS','Knitted midi dress, rust, size XS','',3,6400,'damaged','recycle',20,16,46,30,'paid');
INSERT INTO "return_line" VALUES('TSH-1043-S','Organic cotton T-shirt, white, size S','',1,1999,'damaged','donate',21,16,7,31,'paid');
INSERT INTO "return_line" VALUES('CBL-9220','USB-C cable 2 m, braided','CB2185926390',1,1170,'unopened','restock',22,17,163,34,'paid');
INSERT INTO "return_line" VALUES('TST-9522','Two-slice toaster, steel','TS218C732BC0',1,4499,'opened','restock',23,18,168,36,'paid');
INSERT INTO "return_line" VALUES('TSH-1107-L','Striped Breton top, size L','',1,2999,'opened','donate',24,19,14,37,'paid');
INSERT INTO "return_line" VALUES('TSH-1043-S','Organic cotton T-shirt, white, size S','',1,1999,'opened','restock',25,20,7,38,'paid');
INSERT INTO "return_line" VALUES('CSH-1401','Velvet cushion cover, mustard','',1,1499,'unopened','restock',26,20,176,39,'paid');
INSERT INTO "return_line" VALUES('JNS-3325-34','Relaxed jeans, stone, size 34','',2,5499,'unopened','restock',27,21,34,41,'paid');
INSERT INTO "return_line" VALUES('BOT-8204-37','Chelsea boots, brown leather, size 37','',1,11999,'opened','restock',28,22,109,43,'paid');
INSERT INTO "return_line" VALUES('SNK-8130-37','Running shoes, blue/orange, size 37','',1,8999,'damaged','recycle',29,23,99,44,'paid');
INSERT INTO "return_line" VALUES('SOC-7310-S','Bamboo socks, 3-pack, size S','',1,1299,'damaged','discard',30,23,82,45,'paid');
INSERT INTO "return_line" VALUES('SNK-8101-40','Canvas sneakers, white, size 40','',1,4950,'unopened','restock',31,24,92,49,'paid');
INSERT INTO "return_line" VALUES('TST-9522','Two-slice toaster, steel','',1,4499,'unopened','restock',32,25,168,51,'paid');
INSERT INTO "return_line" VALUES('SPK-9105','Bluetooth speaker, waterproof','SP246BEA9801',1,5999,'unopened','restock',33,25,160,52,'paid');
INSERT INTO "return_line" VALUES('KNT-5030-XL','Cable-knit cardigan, cream, size XL','',1,7499,'unopened','restock',34,25,60,53,'paid');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_master(type,name,tbl_name,rootpage,sql)VALUES('table','return_search','return_search',0,'CREATE VIRTUAL TABLE return_search USING fts5(body, tokenize = ''unicode61 remove_diacritics 2'', prefix = ''1 2 3'')');
CREATE TABLE 'return_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO "return_search_config" VALUES('version',4);
CREATE TABLE 'return_search_content'(id INTEGER PRIMARY KEY, c0);
CREATE TABLE 'return_search_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO "return_search_data" VALUES(1,X'');
INSERT INTO "return_search_data" VALUES(10,X'00000000000000');
CREATE TABLE 'return_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'return_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE reward_code (
	id INTEGER NOT NULL, 
	code VARCHAR(32) NOT NULL, 
	customer_id INTEGER NOT NULL, 
	return_id INTEGER, 
	feedback_id INTEGER, 
	kind VARCHAR(10) NOT NULL, 
	value INTEGER NOT NULL, 
	min_purchase_cents INTEGER NOT NULL, 
	issued_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	redeemed_at DATETIME, 
	redeemed_by VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(customer_id) REFERENCES customer (id), 
	FOREIGN KEY(feedback_id) REFERENCES feedback (id) ON DELETE SET NULL, 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE SET NULL, 
	UNIQUE (code)
);
INSERT INTO "reward_code" VALUES(1,'JJBY-RZAH-VMM9-C',3,3,1,'percent',10,0,'2026-04-28 10:40:36.000000','2026-06-28 00:00:00.000000',NULL,'');
INSERT INTO "reward_code" VALUES(2,'DWC9-RER8-2K7L-7',7,7,2,'percent',10,0,'2026-04-17 23:15:26.000000','2026-06-17 00:00:00.000000','2026-05-11 22:08:00.000000','Grace');
INSERT INTO "reward_code" VALUES(3,'MSEM-55K4-KA86-W',9,9,3,'percent',10,0,'2026-04-19 07:28:38.000000','2026-06-19 00:00:00.000000','2026-05-22 00:32:52.000000','Grace');
INSERT INTO "reward_code" VALUES(4,'2Z5L-QYRQ-L3CP-T',16,16,5,'percent',10,0,'2026-04-09 16:35:03.000000','2026-06-09 00:00:00.000000',NULL,'');
INSERT INTO "reward_code" VALUES(5,'BNXB-EXYA-KSGC-8',21,21,6,'percent',10,0,'2026-04-22 10:31:07.000000','2026-06-22 00:00:00.000000',NULL,'');
CREATE TABLE sale (
	id INTEGER NOT NULL, 
	receipt VARCHAR(100) NOT NULL, 
	receipt_key VARCHAR(100) NOT NULL, 
	sold_at DATETIME NOT NULL, 
	customer_id INTEGER, 
	currency VARCHAR(3) NOT NULL, 
	source VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(customer_id) REFERENCES customer (id), 
	UNIQUE (receipt_key)
);
CREATE TABLE sale_line (
	id INTEGER NOT NULL, 
	sale_id INTEGER NOT NULL, 
	line_no INTEGER NOT NULL, 
	product_id INTEGER, 
	sku VARCHAR(64) NOT NULL, 
	description VARCHAR(300) NOT NULL, 
	quantity INTEGER NOT NULL, 
	paid_cents INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(product_id) REFERENCES product (id), 
	FOREIGN KEY(sale_id) REFERENCES sale (id) ON DELETE CASCADE
);
CREATE TABLE setting (
	"key" VARCHAR(100) NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "setting" VALUES('reward.kind','percent');
INSERT INTO "setting" VALUES('reward.value','10');
CREATE TABLE status_change (
	id INTEGER NOT NULL, 
	return_id INTEGER NOT NULL, 
	from_status VARCHAR(20), 
	to_status VARCHAR(20) NOT NULL, 
	at DATETIME NOT NULL, 
	staff VARCHAR(100) NOT NULL, 
	note VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(return_id) REFERENCES return (id) ON DELETE CASCADE
);
INSERT INTO "status_change" VALUES(1,1,NULL,'requested','2026-03-29 00:00:19.000000','','');
INSERT INTO "status_change" VALUES(2,1,'requested','received','2026-04-04 16:24:02.000000','Liam','');
INSERT INTO "status_change" VALUES(3,1,'received','approved','2026-04-06 13:06:51.000000','Bea','');
INSERT INTO "status_change" VALUES(4,1,'approved','refunded','2026-04-07 17:23:03.000000','Marcos','');
INSERT INTO "status_change" VALUES(5,1,'refunded','closed','2026-04-19 09:10:36.000000','Tom','');
INSERT INTO "status_change" VALUES(6,2,NULL,'requested','2026-03-29 00:01:38.000000','','');
INSERT INTO "status_change" VALUES(7,2,'requested','received','2026-04-03 17:18:41.000000','Rui','');
INSERT INTO "status_change" VALUES(8,2,'received','refunded','2026-04-06 16:48:15.000000','Tom','');
INSERT INTO "status_change" VALUES(9,2,'refunded','closed','2026-04-13 09:20:40.000000','Rui','Customer confirmed receipt.');
INSERT INTO "status_change" VALUES(10,3,NULL,'requested','2026-03-29 00:02:05.000000','','');
INSERT INTO "status_change" VALUES(11,3,'requested','received','2026-04-07 11:36:12.000000','Marcos','');
INSERT INTO "status_change" VALUES(12,3,'received','inspecting','2026-04-09 12:02:51.000000','Grace','');
INSERT INTO "status_change" VALUES(13,3,'inspecting','approved','2026-04-10 15:33:56.000000','Ana','');
INSERT INTO "status_change" VALUES(14,3,'approved','exchanged','2026-04-13 12:08:48.000000','Priya','');
INSERT INTO "status_change" VALUES(15,3,'exchanged','closed','2026-04-27 14:10:37.000000','Ana','');
INSERT INTO "status_change" VALUES(16,4,NULL,'requested','2026-03-29 00:02:20.000000','','');
INSERT INTO "status_change" VALUES(17,4,'requested','cancelled','2026-04-07 09:04:20.000000','Bea','Customer withdrew the request by email.');
INSERT INTO "status_change" VALUES(18,5,NULL,'requested','2026-03-29 00:02:28.000000','','');
INSERT INTO "status_change" VALUES(19,5,'requested','received','2026-04-03 15:51:44.000000','Bea','');
INSERT INTO "status_change" VALUES(20,5,'received','approved','2026-04-05 11:05:23.000000','Liam','');
INSERT INTO "status_change" VALUES(21,5,'approved','refunded','2026-04-06 18:12:12.000000','Ana','Refunded in cash.');
INSERT INTO "status_change" VALUES(22,5,'refunded','closed','2026-04-15 16:39:08.000000','Priya','');
INSERT INTO "status_change" VALUES(23,6,NULL,'requested','2026-03-29 00:03:05.000000','','');
INSERT INTO "status_change" VALUES(24,6,'requested','cancelled','2026-04-23 11:01:57.000000','Priya','Parcel never sent; customer unreachable.');
INSERT INTO "status_change" VALUES(25,7,NULL,'requested','2026-03-29 00:03:27.000000','','');
INSERT INTO "status_change" VALUES(26,7,'requested','received','2026-04-07 11:10:04.000000','Hannah','');
INSERT INTO "status_change" VALUES(27,7,'received','approved','2026-04-09 12:02:08.000000','Bea','');
INSERT INTO "status_change" VALUES(28,7,'approved','refunded','2026-04-09 13:21:18.000000','Tom','');
INSERT INTO "status_change" VALUES(29,7,'refunded','closed','2026-04-16 12:56:47.000000','Grace','');
INSERT INTO "status_change" VALUES(30,8,NULL,'requested','2026-03-29 00:03:31.000000','','');
INSERT INTO "status_change" VALUES(31,8,'requested','cancelled','2026-04-13 15:54:55.000000','Ana','Customer withdrew the request by email.');
INSERT INTO "status_change" VALUES(32,9,NULL,'requested','2026-03-29 00:05:33.000000','','');
INSERT INTO "status_change" VALUES(33,9,'requested','received','2026-04-02 10:52:44.000000','Grace','Box slightly dented.');
INSERT INTO "status_change" VALUES(34,9,'received','inspecting','2026-04-04 16:17:11.000000','Bea','Checking all accessories.');
INSERT INTO "status_change" VALUES(35,9,'inspecting','approved','2026-04-04 17:14:09.000000','Marcos','');
INSERT INTO "status_change" VALUES(36,9,'approved','refunded','2026-04-04 18:04:16.000000','Tom','');
INSERT INTO "status_change" VALUES(37,9,'refunded','closed','2026-04-15 13:41:34.000000','Marcos','');
INSERT INTO "status_change" VALUES(38,10,NULL,'requested','2026-03-29 00:05:55.000000','','');
INSERT INTO "status_change" VALUES(39,10,'requested','received','2026-04-03 17:47:42.000000','Rui','');
INSERT INTO "status_change" VALUES(40,10,'received','credited','2026-04-03 18:07:42.000000','Ana','');
INSERT INTO "status_change" VALUES(41,10,'credited','closed','2026-04-15 11:37:40.000000','Tom','Customer confirmed receipt.');
INSERT INTO "status_change" VALUES(42,11,NULL,'requested','2026-03-29 00:07:32.000000','','');
INSERT INTO "status_change" VALUES(43,11,'requested','received','2026-04-02 17:36:36.000000','Sofia','');
INSERT INTO "status_change" VALUES(44,11,'received','credited','2026-04-05 10:47:26.000000','Priya','');
INSERT INTO "status_change" VALUES(45,11,'credited','closed','2026-04-16 15:43:32.000000','Grace','');
INSERT INTO "status_change" VALUES(46,12,NULL,'requested','2026-03-29 00:09:33.000000','','');
INSERT INTO "status_change" VALUES(47,12,'requested','received','2026-04-02 14:28:35.000000','Grace','');
INSERT INTO "status_change" VALUES(48,12,'received','exchanged','2026-04-04 11:57:30.000000','Ana','');
INSERT INTO "status_change" VALUES(49,12,'exchanged','closed','2026-04-07 14:52:31.000000','Hannah','');
INSERT INTO "status_change" VALUES(50,13,NULL,'requested','2026-03-29 00:10:03.000000','','');
INSERT INTO "status_change" VALUES(51,13,'requested','received','2026-03-30 18:18:23.000000','Sofia','');
INSERT INTO "status_change" VALUES(52,13,'received','inspecting','2026-04-01 10:39:22.000000','Ana','');
INSERT INTO "status_change" VALUES(53,13,'inspecting','approved','2026-04-05 10:47:57.000000','Sofia','Approved by the manager.');
INSERT INTO "status_change" VALUES(54,13,'approved','exchanged','2026-04-05 16:03:23.000000','Liam','');
INSERT INTO "status_change" VALUES(55,13,'exchanged','closed','2026-04-12 10:29:01.000000','Priya','');
INSERT INTO "status_change" VALUES(56,14,NULL,'requested','2026-03-29 00:11:03.000000','','');
INSERT INTO "status_change" VALUES(57,14,'requested','received','2026-04-02 14:07:49.000000','Priya','Box slightly dented.');
INSERT INTO "status_change" VALUES(58,14,'received','refunded','2026-04-03 12:53:05.000000','Liam','');
INSERT INTO "status_change" VALUES(59,14,'refunded','closed','2026-04-06 14:07:03.000000','Marcos','');
INSERT INTO "status_change" VALUES(60,15,NULL,'requested','2026-03-29 00:13:22.000000','','');
INSERT INTO "status_change" VALUES(61,15,'requested','received','2026-04-08 16:35:57.000000','Priya','');
INSERT INTO "status_change" VALUES(62,15,'received','refunded','2026-04-09 14:31:52.000000','Grace','');
INSERT INTO "status_change" VALUES(63,15,'refunded','closed','2026-04-12 12:24:20.000000','Sofia','');
INSERT INTO "status_change" VALUES(64,16,NULL,'requested','2026-03-29 00:16:56.000000','','');
INSERT INTO "status_change" VALUES(65,16,'requested','received','2026-03-31 17:42:29.000000','Priya','');
INSERT INTO "status_change" VALUES(66,16,'received','approved','2026-04-02 11:18:58.000000','Grace','');
INSERT INTO "status_change" VALUES(67,16,'approved','credited','2026-04-03 11:31:04.000000','Rui','');
INSERT INTO "status_change" VALUES(68,16,'credited','closed','2026-04-08 09:42:27.000000','Liam','');
INSERT INTO "status_change" VALUES(69,17,NULL,'requested','2026-03-29 00:16:58.000000','','');
INSERT INTO "status_change" VALUES(70,17,'requested','cancelled','2026-04-17 09:35:35.000000','Priya','Customer decided to keep the item.');
INSERT INTO "status_change" VALUES(71,18,NULL,'requested','2026-03-29 00:19:13.000000','','');
INSERT INTO "status_change" VALUES(72,18,'requested','received','2026-04-02 12:36:54.000000','Tom','');
INSERT INTO "status_change" VALUES(73,18,'received','inspecting','2026-04-03 15:45:55.000000','Ana','');
INSERT INTO "status_change" VALUES(74,18,'inspecting','rejected','2026-04-04 12:17:30.000000','Tom','Final-sale item; not returnable.');
INSERT INTO "status_change" VALUES(75,18,'rejected','closed','2026-04-11 10:01:20.000000','Hannah','');
INSERT INTO "status_change" VALUES(76,19,NULL,'requested','2026-03-29 00:19:47.000000','','');
INSERT INTO "status_change" VALUES(77,19,'requested','cancelled','2026-04-14 09:07:07.000000','Priya','Cliente desistiu da devolução.');
INSERT INTO "status_change" VALUES(78,20,NULL,'requested','2026-03-29 00:20:32.000000','','');
INSERT INTO "status_change" VALUES(79,20,'requested','received','2026-03-31 13:13:22.000000','Tom','');
INSERT INTO "status_change" VALUES(80,20,'received','credited','2026-04-01 10:35:21.000000','Priya','Credit added to the loyalty card.');
INSERT INTO "status_change" VALUES(81,20,'credited','closed','2026-04-07 12:39:40.000000','Bea','');
INSERT INTO "status_change" VALUES(82,21,NULL,'requested','2026-03-29 00:20:54.000000','','');
INSERT INTO "status_change" VALUES(83,21,'requested','received','2026-04-05 13:55:20.000000','Marcos','');
INSERT INTO "status_change" VALUES(84,21,'received','exchanged','2026-04-08 14:37:50.000000','Grace','Exchanged for the next size.');
INSERT INTO "status_change" VALUES(85,21,'exchanged','closed','2026-04-21 17:17:50.000000','Ana','');
INSERT INTO "status_change" VALUES(86,22,NULL,'requested','2026-03-29 00:22:10.000000','','');
INSERT INTO "status_change" VALUES(87,22,'requested','cancelled','2026-04-26 13:22:57.000000','Marcos','Customer decided to keep the item.');
INSERT INTO "status_change" VALUES(88,23,NULL,'requested','2026-03-29 00:22:17.000000','','');
INSERT INTO "status_change" VALUES(89,23,'requested','received','2026-04-03 14:30:42.000000','Grace','Brought in by a relative.');
INSERT INTO "status_change" VALUES(90,23,'received','refunded','2026-04-05 13:24:48.000000','Liam','');
INSERT INTO "status_change" VALUES(91,23,'refunded','closed','2026-04-16 10:22:54.000000','Ana','Customer confirmed receipt.');
INSERT INTO "status_change" VALUES(92,24,NULL,'requested','2026-03-29 00:22:27.000000','','');
INSERT INTO "status_change" VALUES(93,24,'requested','received','2026-04-05 16:38:40.000000','Grace','');
INSERT INTO "status_change" VALUES(94,24,'received','inspecting','2026-04-07 12:51:30.000000','Sofia','Checking all accessories.');
INSERT INTO "status_change" VALUES(95,24,'inspecting','approved','2026-04-11 17:26:24.000000','Hannah','Approved by the manager.');
INSERT INTO "status_change" VALUES(96,24,'approved','refunded','2026-04-11 18:08:31.000000','Ana','');
INSERT INTO "status_change" VALUES(97,24,'refunded','closed','2026-04-21 15:29:34.000000','Grace','');
INSERT INTO "status_change" VALUES(98,25,NULL,'requested','2026-03-29 00:22:42.000000','','');
INSERT INTO "status_change" VALUES(99,25,'requested','received','2026-04-02 10:59:21.000000','Bea','');
INSERT INTO "status_change" VALUES(100,25,'received','approved','2026-04-05 15:16:58.000000','Marcos','');
INSERT INTO "status_change" VALUES(101,25,'approved','credited','2026-04-08 15:55:46.000000','Liam','');
INSERT INTO "status_change" VALUES(102,25,'credited','closed','2026-04-13 09:01:53.000000','Grace','');
CREATE INDEX ix_customer_email ON customer (email);
CREATE INDEX ix_customer_name ON customer (name);
CREATE INDEX ix_customer_phone ON customer (phone);
CREATE INDEX ix_return_created_at ON return (created_at);
CREATE INDEX ix_return_customer_id ON return (customer_id);
CREATE INDEX ix_return_status ON return (status);
CREATE INDEX ix_return_status_created ON return (status, created_at);
CREATE INDEX ix_return_line_return_id ON return_line (return_id);
CREATE INDEX ix_return_line_sku ON return_line (sku);
CREATE INDEX ix_status_change_return_id ON status_change (return_id);
CREATE INDEX ix_outbox_message_return_id ON outbox_message (return_id);
CREATE INDEX ix_outbox_state_due ON outbox_message (state, next_attempt_at);
CREATE INDEX ix_dropoff_point_active ON dropoff_point (active);
CREATE INDEX ix_exchange_line_return_id ON exchange_line (return_id);
CREATE INDEX ix_feedback_at ON feedback (at);
CREATE INDEX ix_feedback_return_id ON feedback (return_id);
CREATE UNIQUE INDEX ux_feedback_current ON feedback (return_id) WHERE replaced_at IS NULL;
CREATE INDEX ix_reward_code_customer_id ON reward_code (customer_id);
CREATE INDEX ix_reward_code_issued_at ON reward_code (issued_at);
CREATE UNIQUE INDEX ux_reward_code_return ON reward_code (return_id);
CREATE INDEX ix_status_change_report ON status_change (to_status, return_id, at);
CREATE INDEX ix_outbox_report ON outbox_message (state, event, status_change_id, sent_at, return_id);
CREATE INDEX ix_portal_link_return_id ON portal_link (return_id);
CREATE INDEX ix_report_return_customer ON report_return (customer_id, day, status);
CREATE INDEX ix_report_return_day ON report_return (day, reason, status, rating, asked);
CREATE INDEX ix_report_return_rating ON report_return (rating, asked, day);
CREATE INDEX ix_report_return_reason ON report_return (reason, day);
CREATE INDEX ix_report_return_settle_group ON report_return (settled_status, settle_days, day);
CREATE INDEX ix_report_return_settle_time ON report_return (settle_days, day);
CREATE INDEX ix_report_return_status ON report_return (status, day);
CREATE INDEX ix_report_line_day ON report_line (day, kept, sku, quantity, first_of_sku);
CREATE INDEX ix_report_line_return_id ON report_line (return_id);
CREATE INDEX ix_report_line_sku ON report_line (kept, sku, day, quantity, first_of_sku);
CREATE INDEX ix_report_response_day ON report_response (day, customer_id);
CREATE INDEX ix_report_response_hours ON report_response (hours, day);
CREATE INDEX ix_report_response_return_id ON report_response (return_id);
CREATE INDEX ix_report_return_settled ON report_return (settled_status, refund_method, currency, day, amount_cents, settle_days, restock_lines, restock_items, refurbish_lines, refurbish_items, recycle_lines, recycle_items, donate_lines, donate_items, discard_lines, discard_items);
CREATE VIEW return_search_source AS
SELECT r.id AS id,
       r.number || ' ' || replace(r.number, '-', '') || ' '
       || ltrim(substr(r.number, instr(substr(r.number, 3), '-') + 3), '0') || ' '
       || c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.phone, '') || ' '
       || c.digits || ' ' || substr(c.digits, -4) || ' ' || substr(c.digits, -5) || ' ' || substr(c.digits, -6) || ' ' || substr(c.digits, -7) || ' ' || substr(c.digits, -8) || ' ' || substr(c.digits, -9) || ' ' || substr(c.digits, -10) || ' ' || substr(c.digits, -11) || ' ' 
       || coalesce((SELECT group_concat(l.sku, ' ') FROM return_line l
                    WHERE l.return_id = r.id), '') AS body
FROM "return" r
JOIN (SELECT id, name, email, phone, replace(replace(replace(replace(replace(replace(coalesce(phone, ''),
                 ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '') AS digits
      FROM customer) c ON c.id = r.customer_id;
CREATE INDEX ix_counter_request_asked_at ON counter_request (asked_at);
CREATE INDEX ix_counter_request_return_id ON counter_request (return_id);
CREATE INDEX ix_product_category ON product (category);
CREATE INDEX ix_product_barcode_product_id ON product_barcode (product_id);
CREATE INDEX ix_product_word_product_id ON product_word (product_id);
CREATE INDEX ix_sale_customer_id ON sale (customer_id);
CREATE INDEX ix_sale_line_product_id ON sale_line (product_id);
CREATE INDEX ix_sale_line_sale_id ON sale_line (sale_id);
CREATE INDEX ix_return_sale_id ON return (sale_id);
CREATE INDEX ix_return_line_product_id ON return_line (product_id);
CREATE INDEX ix_return_line_sale_line_id ON return_line (sale_line_id);
PRAGMA writable_schema=OFF;
COMMIT;
