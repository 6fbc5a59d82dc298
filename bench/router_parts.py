"""The labelled parts `router_accuracy.py` measures, in `tests/router/`, and who wrote each.

- tuning part: `questions.jsonl` (the original set, held at 100 % by the tests),
  `agency_tune.jsonl` (agency staff's phrasings, written to the conventions by someone who had
  not seen the rules; the rules were tuned on them) and `agency_holdout.jsonl` (the first
  held-out set: measured once unseen at 93.5 % route, then tuned on);
- held-out part: `agency_holdout2.jsonl` (133 phrasings, labelled before the router first ran
  on them). Never tuned on, so `-v` never lists its disagreements: only its totals are printed.
  Measured: 99.2 % route before the rules changed, 99.2 % after (see the README).
- tuned, new author: `agency_holdout3.jsonl` (160 phrasings: 60 direct, 100 open, 61 with a
  named comparison), written and labelled blind (from the README and the plan contract only,
  without the router's rules or the earlier sets) before the router first ran on it. Measured
  once blind: route 96.9 %, platforms 96.9 %, date_range 93.8 %, compare_to 88.1 %; the rules
  have been tuned on it since, so it is a tuning set now and `-v` lists its misses.
- tuned, second new author: `agency_holdout4.jsonl` (150 phrasings: 60 direct, 90 open;
  forwarded emails, non-native English, typos, two-part questions), written and labelled blind
  by another author who read neither the rules nor any earlier set, after the rules were tuned
  on set 3 and before the router first ran on it. Tiers are not labelled (the README did not
  define them then), so its tier is not counted. Measured once blind (route 96.7 %, periods
  94.7 %, comparison periods 92.7 %), tuned on since: `-v` lists its misses.
- tuned, third new author: `agency_holdout5.jsonl` (160 phrasings: 65 direct, 95 open, tiers
  labelled), written and labelled blind by a third author from the README and the plan
  contract. Measured once blind: route 92.5 %, periods 83.8 % (93.1 % once its "last N days"
  labels follow the README), comparison periods 80.6 %; tuned on since.
- tuned, fourth new author: `agency_holdout6.jsonl` (160 phrasings, tiers labelled), blind,
  measured once: route 93.1 %, periods 95.0 %, comparison periods 90.0 %; tuned on since.
- tuned, fifth new author: `agency_holdout7.jsonl` (160 phrasings, tiers labelled; phone
  typing, mixed languages, emails with signatures, passive and nominal style), written blind
  after the set-6 round and measured once with those rules (444880e): route 94.4 % (1 open
  question taken for a lookup, 8 lookups sent to analysis), periods 95.0 %, comparison periods
  91.9 %; tuned on since.
- held-out, sixth new author: `agency_holdout8.jsonl` (160 phrasings, tiers labelled; B2B SaaS
  marketers, travel clients, a junior media buyer's jargon, finance reconciling invoices, voice
  assistants), written blind after the set-6 round and measured once with the rules after the
  set-7 round (cee1e5e): route 98.1 % (0 open questions taken for lookups, 3 lookups sent to
  analysis), metrics 91.9 %, periods 98.1 %, comparison periods 96.9 %, grouping 96.2 %.
- tuned, seventh new author: `agency_holdout9.jsonl` (160 phrasings, tiers labelled; a
  franchise owner's locations, an app's growth lead, a nonprofit's volunteer, fragments in
  capitals), written blind after the metric words were settled and measured once (a7e52e8):
  route 88.1 % (1 open question taken for a lookup, 18 lookups sent to analysis), metrics
  88.8 %, periods 95.6 %, comparison periods 86.2 %, grouping 90.6 %; tuned on since.
- held-out, eighth new author: `agency_holdout10.jsonl` (160 phrasings, tiers labelled; a clinic
  group's office manager, a brokerage, a fashion founder, a subscription app, a restaurant
  chain, Slack shorthand, a CFO, a junior analyst), written blind after the set-9 round and
  measured once with those rules (da2895f): route 90.6 % (1 open question taken for a lookup, 14
  lookups sent to analysis), metrics 88.1 %, periods 93.1 %, comparison periods 86.9 %,
  grouping 97.5 %, names 93.1 %. Never tuned on.
- ninth and tenth new authors: `agency_holdout11.jsonl` (a B2B security company's demand-gen
  manager, a dealership group, university admissions; Jira tickets, dictated voice notes with
  spoken numbers, German and Spanish word order, a terse VP) and `agency_holdout12.jsonl` (a
  DTC founder, a hotel group's revenue manager, a law firm's intake director, a game studio's
  UA lead, a CFO; media-buyer jargon, phone texts, pasted email threads), 160 phrasings each,
  written blind after session 8 (their authors had the README's router section and plan
  contract; the why-questions' period conventions were added to their materials afterwards and
  their analysis comparisons relabelled to them, before the router ran) and measured once with
  the rules at 91d74b8: set 11 route 82.5 % (1 open question taken for a lookup, 27 lookups
  sent to analysis), metrics 78.8 %, periods 75.6 %, comparison periods 68.1 %, grouping
  91.2 %, names 86.2 %; set 12 route 83.1 % (1 and 26), metrics 89.4 %, periods 81.2 %,
  comparison periods 72.5 %, grouping 92.5 %, names 90.0 %. Tuned on since.
- held-out, eleventh and twelfth new authors: `agency_holdout13.jsonl` (an HVAC owner's calls
  and booked jobs, a fintech marketer, a fitness chain, an agency director to juniors; rambling
  emails, two questions in one, British dates, Spanish, Portuguese and French mixed in) and
  `agency_holdout14.jsonl` (an advocacy campaign, a B2B marketplace, a real estate developer, a
  festival promoter; voice-to-text, one-word executives, ISO weeks and fiscal periods,
  currencies), 160 phrasings each, written blind with the why-questions' period conventions in
  hand, after the set 11/12 round began, and measured once with the rules at fd42f92 (the end of
  that round): set 13 route 80.6 % (2 open questions taken for lookups, 29 lookups sent to
  analysis), metrics 85.6 %, periods 84.4 %, comparison periods 78.8 %, grouping 90.6 %, names
  88.8 %; set 14 route 80.0 % (4 and 28), metrics 79.4 %, periods 85.0 %, comparison periods
  73.8 %, grouping 95.0 %, names 97.5 %. Tuned on since.
- held-out, thirteenth and fourteenth new authors: `agency_holdout15.jsonl` (a dental group's
  practices, online courses, a pet-food subscription, a car rental franchise; an SQL-minded
  analyst, an Australian account manager, a CEO forwarding board questions, Teams one-liners)
  and `agency_holdout16.jsonl` (a solar installer's regions, a watch retailer's boutiques, a
  logistics SaaS, a wedding venue; Indian, Dutch and German English, dashboard screenshots,
  emoji Slack, bare noun phrases), 160 phrasings each, written blind from the README after the
  set 11/12 round, and measured once with the rules at a7a0b25 (after the set 13/14 round): set
  15 route 85.0 % (1 open question taken for a lookup, 23 lookups sent to analysis), metrics
  94.4 %, periods 92.5 %, comparison periods 78.8 %, grouping 91.2 %, names 96.9 %; set 16 route
  88.1 % (0 and 19), metrics 83.8 %, periods 93.1 %, comparison periods 85.0 %, grouping 93.8 %,
  names 93.8 %. Tuned on since.
- held-out, fifteenth and sixteenth new authors: `agency_holdout17.jsonl` (a furnishings
  retailer, a regional bank's branches, a SaaS founder, a charity's winter appeal; Scottish and
  Irish dialect, key=value strings, autocorrected phone texts, calendar invites) and
  `agency_holdout18.jsonl` (a ski resort's resorts, a security vendor's events, a clinic's
  surgeons, a coffee chain's cities; a bilingual Canadian, an over-explaining junior, a one-line
  boss, an analyst quoting numbers, all-lowercase typing), written blind from the README after
  the set 15/16 round began and measured once with the rules at de25c14: set 17 route 79.4 %
  (1 open question taken for a lookup, 32 lookups sent to analysis), metrics 91.9 %, periods
  81.9 %, comparison periods 68.1 %, grouping 93.1 %, names 96.2 %; set 18 route 74.4 % (0 and
  41), metrics 73.1 %, periods 85.0 %, comparison periods 70.6 %, grouping 90.6 %, names 98.8 %.
  Tuned on since.
- seventeenth and eighteenth new authors: `agency_holdout19.jsonl` (an agency's
  account managers and media buyers for ordinary clients: an apparel brand, a gym, a B2B
  software company, a restaurant group, a dentist) and `agency_holdout20.jsonl` (in-house
  marketers at a travel site, a meal kit, an insurance comparison site, a university, a mobile
  game, with finance and leadership): everyday traffic, deliberately, after fourteen authors
  asked for unusual voices; written blind from the README at 2d79bd1 and measured once with
  the rules at 52c1e5d (the end of the set 17/18 round): set 19 route 92.5 % (2 open questions
  taken for lookups, 10 lookups sent to analysis), metrics 100 %, periods 92.5 %, comparison
  periods 85.0 %, grouping 96.9 %, names 81.9 %; set 20 route 95.6 % (1 and 6), metrics
  98.8 %, periods 95.0 %, comparison periods 91.2 %, grouping 96.2 %, names 98.8 %. Tuned on
  since (session 10).
- nineteenth and twentieth new authors: `agency_holdout21.jsonl` (an agency's account managers
  and media buyers: pet insurance, an e-bike brand's city showrooms, a council's recruitment, a
  concert venue, a payroll SaaS) and `agency_holdout22.jsonl` (in-house: a furniture
  marketplace, a language app, a hospital charity, a regional airline, a brewery's taprooms),
  written blind from the README after the set 19/20 round and measured once with the rules at
  4fc97fb: set 21 route 96.9 % (1 open question taken for a lookup, 4 lookups sent to
  analysis), metrics 97.5 %, periods 99.4 %, comparison periods 95.6 %, grouping 99.4 %, names
  97.5 %; set 22 route 94.4 % (0 and 9), metrics 98.8 %, periods 96.9 %, comparison periods
  91.2 %, grouping 96.9 %, names 95.0 %. Tuned on since.
- twenty-first and twenty-second new authors: `agency_holdout23.jsonl` (a performance
  agency's Monday: home services by service area, beauty e-commerce, show homes, a summer camp,
  a cybersecurity startup) and `agency_holdout24.jsonl` (in-house: an online bank, a
  supermarket chain's stores, a museum, a used-car marketplace, a podcast network), written
  blind at the same time and measured once with the same rules: set 23 route 97.5 % (1 and 3),
  metrics 97.5 %, periods 96.2 %, comparison periods 92.5 %, grouping 99.4 %, names 98.1 %;
  set 24 route 95.0 % (1 and 7), metrics 95.0 %, periods 94.4 %, comparison periods 89.4 %,
  grouping 95.6 %, names 95.6 %. Read and tuned on since (session 12): route 100 % on both.
- twenty-third and twenty-fourth new authors: `agency_holdout25.jsonl` (an agency's
  client services on a busy Thursday: vet clinics, an outdoor-gear retailer, a logistics
  platform, a theatre, a plumber texting from the van) and `agency_holdout26.jsonl` (in-house:
  a meal-delivery app's cities, a private school's admissions, a skincare subscription, a
  dealership group, an NGO's appeal), written blind from the README after the set 21/22 round
  and measured once with the rules at 9564f46: set 25 route 96.2 % (0 open questions taken for
  lookups, 6 lookups sent to analysis), metrics 98.1 %, periods 95.6 %, comparison periods
  93.8 %, grouping 98.8 %, names 96.2 %; set 26 route 95.0 % (1 and 7), metrics 98.8 %,
  periods 96.9 %, comparison periods 90.6 %, grouping 97.5 %, names 87.5 %. Read and tuned
  on since (session 13).
- twenty-fifth and twenty-sixth new authors: `agency_holdout27.jsonl` (in-house, in Slack and
  texts: a gym chain's clubs, a logistics SaaS on LinkedIn, wedding venues, a game studio, a
  solar installer) and `agency_holdout28.jsonl` (an agency's team: a law firm's practice areas,
  a fashion sale, a university's open days, a car-rental's airport branches, a meal kit; long
  forwarded emails), written blind from the README after the set 23/24 round and measured once
  with the rules at 53d5da2: set 27 route 93.8 % (0 open questions taken for lookups, 10
  lookups sent to analysis), metrics 97.5 %, periods 96.2 %, comparison periods 91.2 %,
  grouping 93.1 %, names 89.4 %; set 28 route 95.0 % (0 and 8), metrics 96.9 %, periods
  94.4 %, comparison periods 88.8 %, grouping 97.5 %, names 94.4 %. Tuned on since.
- twenty-seventh and twenty-eighth new authors: `agency_holdout29.jsonl` (non-native writers
  and busy people at an international agency: a Dutch travel company, an Indian edtech app, a
  Brazilian cosmetics shop, a German machine maker, a Spanish restaurant chain; foreign words,
  European dates, calendar weeks) and `agency_holdout30.jsonl` (senior people writing politely
  and indirectly: a hotel group, a nonprofit, a SaaS company, a furniture shop, car washes),
  written blind from the README after the set 27/28 round and measured once with the rules at
  7f4cbf5: set 29 route 91.9 % (1 open question taken for a lookup, 12 lookups sent to
  analysis), metrics 94.4 %, periods 92.5 %, comparison periods 87.5 %, grouping 94.4 %,
  names 94.4 %; set 30 route 83.8 % (0 and 26), metrics 96.2 %, periods 90.0 %, comparison
  periods 75.6 %, grouping 93.8 %, names 95.0 %. Tuned on since.
- twenty-ninth and thirtieth new authors: `agency_holdout31.jsonl` (direct-to-consumer
  operators in dashboards: MER, nCAC, PMax, filter syntax, quoted dashboard figures) and
  `agency_holdout32.jsonl` (an agency for local and regulated businesses: dental clinics, a
  personal-injury firm, HVAC by service area, a university's faculties, an insurance broker),
  written blind from the README after the set 29/30 round and measured once with the rules at
  e42d614: set 31 route 98.8 % (0 open questions taken for lookups, 2 lookups sent to
  analysis), metrics 98.1 %, periods 95.6 %, comparison periods 90.6 %, grouping 96.9 %,
  names 94.4 %; set 32 route 95.6 % (0 and 7), metrics 94.4 %, periods 95.6 %, comparison
  periods 93.1 %, grouping 96.9 %, names 91.9 %. Held out, unread, through the set 33-36
  rounds (still 98.8 / 96.2 % route at 64b4ee2), then read and tuned on (session 13).
- thirty-first and thirty-second new authors: `agency_holdout33.jsonl` (a UK franchise group's
  growth team and its agency in Slack and forwarded emails: a pizza franchise's stores, tutoring
  centres, a pharmacy's vaccination bookings, a ski company's resorts, a B2B packaging maker on
  LinkedIn with fiscal quarters) and `agency_holdout34.jsonl` (small-business owners and
  freelancers dictating on their phones, no jargon: "money spent", "people who clicked", "how
  many sales"; a bakery, a yoga studio, a jewellery shop on TikTok, a mobile game, a driving
  school), written blind from the README after the set 25/26 reading began and measured once
  with the rules at e2ddb84: set 33 route 91.2 % (3 open questions taken for lookups, 11 lookups
  sent to analysis), metrics 95.0 %, periods 93.1 %, comparison periods 85.0 %, grouping
  91.2 %, names 93.8 %; set 34 route 87.5 % (1 and 19), metrics 78.1 %, periods 98.1 %,
  comparison periods 85.6 %, grouping 95.6 %, names 96.2 %. Tuned on since (session 13).
- thirty-third and thirty-fourth new authors: `agency_holdout35.jsonl` (an agency's analysts and
  data-minded account leads: L28D, WoW, "cut by", campaigns named by convention such as
  `US_Search_Brand_Exact` or `PMax | Feed | UK`, US and ISO dates; a B2B SaaS, a travel site's
  markets, a pet-food shop, a property portal, a concert promoter) and
  `agency_holdout36.jsonl` (busy people on their phones in group chats: a retail chain's
  regional managers, an events company, a charity's appeal, an estate agency's branches, a B2B
  conference; heavy abbreviations, two questions in one message, asks at the end of a ramble),
  written blind after the set 33/34 round and measured once with the rules at 2c5bcfe: set 35
  route 91.9 % (1 open question taken for a lookup, 12 lookups sent to analysis), metrics
  90.6 %, periods 91.9 %, comparison periods 86.9 %, grouping 96.2 %, names 64.4 %; set 36
  route 96.9 % (2 and 3), metrics 95.6 %, periods 96.2 %, comparison periods 93.8 %, grouping
  95.0 %, names 98.8 %. Tuned on since (session 13).
- thirty-fifth and thirty-sixth new authors: `agency_holdout37.jsonl` (in-house
  marketers at mid-size companies new to the copilot: a furnishings retailer's showrooms, a
  regional airline, a tutoring app, a B2B logistics firm, a dental group; meeting context,
  quoted figures, two-part asks, UK wording) and `agency_holdout38.jsonl` (a performance
  agency's juniors and seniors, tickets, forwarded client emails, lines pasted from reports,
  forecasts and what-ifs: a sneaker shop, a mattress brand, a solar installer, a clinic group,
  a SaaS), written blind after the set 35/36 round and measured once with the rules at
  64b4ee2: set 37 route 94.4 % (0 open questions taken for lookups, 9 lookups sent to
  analysis), metrics 95.0 %, periods 95.0 %, comparison periods 88.8 %, grouping 93.8 %, names
  95.0 %; set 38 route 95.0 % (1 and 7), metrics 98.1 %, periods 95.0 %, comparison periods
  91.2 %, grouping 96.2 %, names 93.8 %. Read and tuned on since (session 13).
- thirty-seventh and thirty-eighth new authors: `agency_holdout39.jsonl` (an
  agency's account managers for hospitality and travel in a busy season: a boutique hotel
  group's properties, a ski shop, a cruise line, a theme park, a wedding venue) and
  `agency_holdout40.jsonl` (founders and heads of growth writing to their agency: a fintech
  app, a coffee subscription, an HR SaaS, a food-delivery app's cities, a language app),
  written blind after the set 37/38 reading began and measured once with the rules at
  b4da693: set 39 route 88.1 % (0 open questions taken for lookups, 19 lookups sent to
  analysis), metrics 97.5 %, periods 93.1 %, comparison periods 80.6 %, grouping 91.9 %, names
  95.0 %; set 40 route 96.9 % (1 and 4), metrics 97.5 %, periods 96.2 %, comparison periods
  91.2 %, grouping 94.4 %, names 92.5 %. Read and tuned on since (session 14).
- thirty-ninth and fortieth new authors: `agency_holdout41.jsonl` (an e-commerce
  agency and its clients in peak season: a toy retailer, a candle shop, an electronics store, a
  bookshop chain's branches, a gift-experiences company; BFCM shorthand, promo periods by date,
  formal client emails; most days between November and January) and `agency_holdout42.jsonl`
  (marketing operations and finance at a multi-brand group and its agency: month-end close,
  pacing, invoices against platform spend, request forms with fields, spreadsheet comments,
  tickets), written blind from the README (at 6430ef6) and the plan contract, and
  measured once with the rules at 6a6d949 (the set 39/40 round): set 41 route 98.1 % (0 open
  questions taken for lookups, 3 lookups sent to analysis), platforms 99.4 %, metrics 95.6 %,
  periods 94.4 %, comparison periods 90.0 %, grouping 97.5 %, names 88.1 % (its lists put in
  the contract's sorted order first: the author had not sorted them); set 42 route 90.6 % (1
  and 14), platforms 100 %, metrics 96.9 %, periods 98.1 %, comparison periods 88.8 %,
  grouping 96.2 %, names 86.9 %. Read and tuned on since (session 14).
- forty-first and forty-second new authors: `agency_holdout43.jsonl` (a mobile-app
  and games performance team and its agency: user acquisition, creative strategists and
  product managers at a puzzle game, a meditation app, a food-delivery app's cities, a
  fantasy-sports app, a budgeting app; installs, CPI, IPM, D7 ROAS, soft launches, Slack and
  Discord shorthand) and `agency_holdout44.jsonl` (an agency's owner, head of paid media and
  finance lead looking across the book of client accounts: which clients, portfolio totals,
  QBR and pitch preparation, margins, churn risks), written blind from the README (at
  159f285) and the plan contract, and measured once with the rules at 130c8ec (the end of the
  set 39-42 rounds): set 43 route 95.6 % (1 open question taken for a lookup, 6 lookups sent to
  analysis), platforms 100 %, metrics 96.2 %, periods 95.0 %, comparison periods 88.8 %,
  grouping 98.8 %, names 92.5 %; set 44 route 94.4 % (0 and 9), platforms 98.8 %, metrics
  98.1 %, periods 95.0 %, comparison periods 91.2 %, grouping 90.0 %, names 80.0 %. Read and
  tuned on since (session 14).
- forty-third and forty-fourth new authors: `agency_holdout45.jsonl` (a football
  club, its stadium and its agency: season and matchday tickets, the club shop, hospitality,
  holiday camps; fixtures and transfer windows as context, WhatsApp messages, board requests)
  and `agency_holdout46.jsonl` (a luxury fashion and jewellery house's European team writing
  in English as a second language: markets by country as accounts, boutique appointments and
  private viewings, fashion weeks, currencies, long formal emails and one-liners), written
  blind from the README (at 288cd46) and the plan contract, and measured once with the rules
  at 288cd46 (the end of the set 43/44 round): set 45 route 90.0 % (0 open questions taken for
  lookups, 16 lookups sent to analysis), platforms 100 %, metrics 95.6 %, periods 93.1 %,
  comparison periods 84.4 %, grouping 95.6 %, names 92.5 %; set 46 route 90.6 % (0 and 15),
  platforms 100 %, metrics 96.2 %, periods 91.9 %, comparison periods 85.0 %, grouping 96.9 %,
  names 61.2 %. Read and tuned on since (session 14).
- held-out, forty-fifth and forty-sixth new authors: `agency_holdout47.jsonl` (a B2B industrial
  manufacturer's marketing team and its agency: pumps, valves and sensors sold through
  distributors, trade shows, RFQs, spec-sheet downloads, MQLs; terse engineers, a long-winded
  coordinator, a CFO; UK, German and US accounts) and `agency_holdout48.jsonl` (a two-sided
  gig-economy app's city operations managers and growth lead: driver and courier sign-ups,
  first trips, first orders, promo redemptions by city; weather and events as context),
  written blind from the README (at c7ed244) and the plan contract, and measured once with the
  rules at 9cee5c5 (the end of the set 45/46 round): set 47 route 95.0 % (1 open question taken
  for a lookup, 7 lookups sent to analysis), platforms 99.4 %, metrics 91.9 %, periods 97.5 %,
  comparison periods 94.4 %, grouping 96.2 %, names 89.4 %; set 48 route 91.9 % (1 and 12),
  platforms 100 %, metrics 87.5 %, periods 95.0 %, comparison periods 88.1 %, grouping 96.2 %,
  names 77.5 %. Never tuned on: the measure of the next round.
- forty-seventh new author: `agency_holdout49.jsonl` (a mobile network operator's digital
  team and its agency: SIM-only sign-ups, handset pre-orders, broadband installs, port-ins,
  store appointments by region; phone launches as dated context), written blind from the README
  (at c7ed244) and measured once with the rules at 9cee5c5: route 93.1 % (1 open question taken
  for a lookup, 10 lookups sent to analysis), platforms 100 %, metrics 89.4 %, periods 95.6 %,
  comparison periods 90.6 %, grouping 96.2 %, names 92.5 %. Read and tuned on since (session
  14), while sets 47/48 stayed unread.
- held-out, forty-eighth new author: `agency_holdout50.jsonl` (a family-owned wine merchant
  with a spirits label and its small agency: wine club memberships, tasting-event tickets,
  Christmas gift boxes, age-gated ads; an owner writing in capitals without punctuation, a
  part-time marketer, an Australian intern who over-explains), written blind from the README
  (at c7ed244) and measured once with the rules at f316055 (after the set 49 round): route
  93.8 % (0 open questions taken for lookups, 10 lookups sent to analysis), platforms 100 %,
  metrics 91.9 %, periods 97.5 %, comparison periods 91.9 %, grouping 97.5 %, names 92.5 %.
  Never tuned on.
- forty-ninth and fiftieth new authors: `agency_holdout51.jsonl` (a regional credit union's
  branches, account openings and loan applications, a B2B HR-software company's demos and
  MQLs, a ski and snowboard retailer's stores, a home-cleaning franchise's booked cleans; Slack
  threads with a quoted reply above the question, unpunctuated voice notes, Australian and
  Irish English, figures pasted from dashboards to be checked) and `agency_holdout52.jsonl` (a
  veterinary clinic group, a meal-kit brand's subscribers and first boxes, a concert venue's
  tickets, a university's continuing education; forwarded email chains, a CMO's one-liners,
  Nigerian and South African English, WhatsApp messages, meetings the figures are for, opinions
  asked in the form of a lookup), written blind from the README (at 14065d4) and the plan
  contract, and measured once with the rules at 14065d4 (the end of session 14): set 51 route
  90.6 % (0 open questions taken for lookups, 15 lookups sent to analysis), platforms 100 %,
  metrics 95.6 %, periods 98.1 %, comparison periods 90.6 %, grouping 93.1 %, names 95.6 %;
  set 52 route 92.5 % (2 and 10), platforms 100 %, metrics 95.0 %, periods 95.6 %, comparison
  periods 90.0 %, grouping 100 %, names 97.5 %. Read and tuned on since (session 15), while
  sets 47, 48 and 50 stay unread.
- fifty-first and fifty-second new authors: `agency_holdout53.jsonl` (independent bookshops
  and cafés with click-and-collect and event tickets, a boutique fitness group's intro offers
  per studio, a cybersecurity vendor's demo requests and webinars, a charity's winter appeal
  and regular givers; a director's long sub-claused paragraphs, a media buyer's lower case,
  Canadian and Scottish English, last week's message copied and edited, questions inside status
  updates) and `agency_holdout54.jsonl` (an online furniture retailer's sample requests and
  showroom visits by city, a language app's installs and subscribers by market, a private
  hospital group's enquiries per hospital, a craft brewery's taproom bookings; autocorrect
  slips, a new graduate who apologises, Singaporean and Kiwi English, Teams one-liners, table
  headers pasted to be filled in, "quick read" and "gut check" requests), written blind from
  the README (at d4bcdca) and measured once with the rules at d576025 (after the set 51/52
  round): set 53 route 90.6 % (1 open question taken for a lookup, 14 lookups sent to
  analysis), platforms 99.4 %, metrics 84.4 %, periods 93.8 %, comparison periods 86.2 %,
  grouping 95.6 %, names 96.9 %; set 54 route 87.5 % (0 and 20), platforms 100 %, metrics
  92.5 %, periods 96.2 %, comparison periods 86.9 %, grouping 92.5 %, names 92.5 %. With the
  outcome frames (17847fd) 91.9 and 88.1 %. Read and tuned on since (session 15).
- fifty-third and fifty-fourth new authors: `agency_holdout55.jsonl` (a regional airline's
  route campaigns, a property manager's viewings and applications per building, a coding
  school's trial lessons per centre, a pet insurer's quotes and policies; a head of marketing
  dictating in the car, bullet lists, Welsh and Northern English, replies to our weekly digest
  email, targets and percentages) and `agency_holdout56.jsonl` (a skincare brand's first
  orders by market, a cleaning firm's site visits per region, a hospice's event registrations,
  a used-car marketplace's seller listings and buyer leads per city; a CFO, an intern's literal
  questions, Filipino and Malaysian English, code-formatted Slack, "same as before but for
  Meta", figures to explain), written blind from the README (at 2555eed) and measured once with
  the rules at 2555eed (after the set 53/54 round): set 55 route 88.1 % (2 open questions taken
  for lookups, 17 lookups sent to analysis), platforms 99.4 %, metrics 94.4 %, periods 98.1 %,
  comparison periods 86.9 %, grouping 91.9 %, names 98.1 %; set 56 route 91.2 % (2 and 12),
  platforms 99.4 %, metrics 92.5 %, periods 98.1 %, comparison periods 91.2 %, grouping 98.8 %,
  names 98.8 %. Read and tuned on since (session 15).
- fifty-fifth and fifty-sixth new authors: `agency_holdout57.jsonl` (a driving school chain's
  lesson bookings and theory test packs, an organic farm box's first deliveries and referrals,
  a music festival's ticket tiers and camping add-ons, an accountancy firm's consultation
  calls per office; a managing partner's numbered emails, Gen-Z slang, Irish and Jamaican
  English, follow-ups quoting an earlier answer, a bookkeeper's exact totals) and
  `agency_holdout58.jsonl` (veterinary pharmacies' prescription and repeat orders per store, an
  event-software company's demos and trials by region, an adventure park's day passes and group
  bookings, a bridal boutique group's appointments; run-on sentences, SQL and spreadsheet
  formulas, Kenyan and Ghanaian English, "the client wants to know", "is it me or"), written
  blind from the README (at 8e44f0f) and measured once with those rules: set 57 route 89.4 %
  (0 open questions taken for lookups, 17 lookups sent to analysis), platforms 98.8 %, metrics
  86.9 %, periods 93.8 %, comparison periods 83.8 %, grouping 94.4 %, names 96.2 %; set 58
  route 95.0 % (1 and 7), platforms 97.5 %, metrics 98.1 %, periods 96.2 %, comparison periods
  93.8 %, grouping 97.5 %, names 90.6 %. Read and tuned on since (session 15).
- fifty-seventh and fifty-eighth new authors: `agency_holdout59.jsonl` (an optician chain's eye
  test bookings per practice, a solar installer's survey requests and signed contracts by
  county, a hotel spa's treatments and gift vouchers, a recruitment agency; headings and
  imperative lines, forwarded client questions, Sri Lankan and Pakistani English, Australian
  slang, date ranges first, "are you sure? pull it again") and `agency_holdout60.jsonl` (a
  newspaper's subscriptions, a garden centre group's click & collect and events per centre, a
  mobile game's installs, day-7 payers and D7 ROAS, a podcast network; one-breath founders,
  Spanish-English, Southern American English, funnels and cohorts, two questions in one),
  written blind from the README (at 8e44f0f) and measured once with the rules at d26ce0e
  (after the set 57/58 round): set 59 route 86.2 % (1 open question taken for a lookup, 21
  lookups sent to analysis), metrics 83.8 %, periods 96.9 %, comparison periods 84.4 %,
  grouping 90.0 %, names 93.8 %; set 60 route 95.0 % (1 and 7), metrics 93.1 %, periods 97.5 %,
  comparison periods 94.4 %, grouping 98.1 %, names 96.9 %. Read and tuned on since.
- fifty-ninth and sixtieth new authors: `agency_holdout61.jsonl` (a car wash chain's wash club
  memberships and single washes per site, a law firm's consultations and retainers, a
  children's theatre's tickets per show, a packaging supplier's sample and quote requests; tidy
  British emails with subject lines, last week's report pasted to be redone, Scots and Welsh,
  Hinglish WhatsApp, "can you also …", "is it worth it") and `agency_holdout62.jsonl` (a dental
  implant group's consultations per clinic, a dog food subscription's first orders and
  subscription starts, a co-working operator's tours and memberships, a university's short
  courses; lower case with arrows, a CEO's one-liners, New Zealand and South African English,
  "sales" used loosely, @mentions, numbers "cut" and "broken out"), written blind from the
  README (at 8e44f0f) and measured once with the rules at d7488a2 (after the set 59/60 round):
  set 61 route 86.2 % (1 open question taken for a lookup, 21 lookups sent to analysis),
  metrics 93.8 %, periods 95.0 %, comparison periods 85.6 %, grouping 93.8 %, names 96.9 %;
  set 62 route 95.0 % (0 and 8), metrics 95.0 %, periods 98.1 %, comparison periods 93.1 %,
  grouping 95.6 %, names 96.9 %. Read and tuned on since.
- held-out, sixty-first and sixty-second new authors: `agency_holdout63.jsonl` (a bus and
  coach operator's routes and season passes, a beauty salon franchise, an IT services firm's
  discovery calls, an animal rescue's adoption applications; over-explaining assistants, a
  pipeline-minded sales director, Cornish and Geordie English, mis-heard dictation, a
  colleague's claim to check) and `agency_holdout64.jsonl` (an online florist's same-day
  orders by city, a commercial real-estate broker's viewing requests per office, a climbing gym
  chain's passes and parties, a training company's course bookings; hashtags and emojis, a
  finance controller's invoices and accruals, Quebec French speakers, Indian English, "on track"
  questions), written blind from the README (at fc09f7e) and measured once with the rules at
  fc09f7e (the end of session 15): set 63 route 86.2 % (1 open question taken for a lookup, 21
  lookups sent to analysis), platforms 100 %, metrics 89.4 %, periods 94.4 %, comparison
  periods 81.9 %, grouping 93.1 %, names 91.9 %; set 64 route 88.8 % (2 and 16), platforms
  100 %, metrics 90.6 %, periods 96.9 %, comparison periods 88.8 %, grouping 96.9 %, names
  96.9 %. Never tuned on: the measure of the next round.
"""

from __future__ import annotations

PARTS = {
    "tuning": ("questions.jsonl", "agency_tune.jsonl", "agency_holdout.jsonl"),
    "held-out": ("agency_holdout2.jsonl",),
    "tuned, new author": ("agency_holdout3.jsonl",),
    "tuned, second new author": ("agency_holdout4.jsonl",),
    "tuned, third new author": ("agency_holdout5.jsonl",),
    "tuned, fourth new author": ("agency_holdout6.jsonl",),
    "tuned, fifth new author": ("agency_holdout7.jsonl",),
    "held-out, sixth new author": ("agency_holdout8.jsonl",),
    "tuned, seventh new author": ("agency_holdout9.jsonl",),
    "held-out, eighth new author": ("agency_holdout10.jsonl",),
    "ninth new author": ("agency_holdout11.jsonl",),
    "tenth new author": ("agency_holdout12.jsonl",),
    "eleventh new author": ("agency_holdout13.jsonl",),
    "twelfth new author": ("agency_holdout14.jsonl",),
    "thirteenth new author": ("agency_holdout15.jsonl",),
    "fourteenth new author": ("agency_holdout16.jsonl",),
    "fifteenth new author": ("agency_holdout17.jsonl",),
    "sixteenth new author": ("agency_holdout18.jsonl",),
    "seventeenth new author": ("agency_holdout19.jsonl",),
    "eighteenth new author": ("agency_holdout20.jsonl",),
    "nineteenth new author": ("agency_holdout21.jsonl",),
    "twentieth new author": ("agency_holdout22.jsonl",),
    "twenty-first new author": ("agency_holdout23.jsonl",),
    "twenty-second new author": ("agency_holdout24.jsonl",),
    "twenty-third new author": ("agency_holdout25.jsonl",),
    "twenty-fourth new author": ("agency_holdout26.jsonl",),
    "twenty-fifth new author": ("agency_holdout27.jsonl",),
    "twenty-sixth new author": ("agency_holdout28.jsonl",),
    "twenty-seventh new author": ("agency_holdout29.jsonl",),
    "twenty-eighth new author": ("agency_holdout30.jsonl",),
    "twenty-ninth new author": ("agency_holdout31.jsonl",),
    "thirtieth new author": ("agency_holdout32.jsonl",),
    "thirty-first new author": ("agency_holdout33.jsonl",),
    "thirty-second new author": ("agency_holdout34.jsonl",),
    "thirty-third new author": ("agency_holdout35.jsonl",),
    "thirty-fourth new author": ("agency_holdout36.jsonl",),
    "thirty-fifth new author": ("agency_holdout37.jsonl",),
    "thirty-sixth new author": ("agency_holdout38.jsonl",),
    "thirty-seventh new author": ("agency_holdout39.jsonl",),
    "thirty-eighth new author": ("agency_holdout40.jsonl",),
    "thirty-ninth new author": ("agency_holdout41.jsonl",),
    "fortieth new author": ("agency_holdout42.jsonl",),
    "forty-first new author": ("agency_holdout43.jsonl",),
    "forty-second new author": ("agency_holdout44.jsonl",),
    "forty-third new author": ("agency_holdout45.jsonl",),
    "forty-fourth new author": ("agency_holdout46.jsonl",),
    "held-out, forty-fifth new author": ("agency_holdout47.jsonl",),
    "held-out, forty-sixth new author": ("agency_holdout48.jsonl",),
    "forty-seventh new author": ("agency_holdout49.jsonl",),
    "held-out, forty-eighth new author": ("agency_holdout50.jsonl",),
    "forty-ninth new author": ("agency_holdout51.jsonl",),
    "fiftieth new author": ("agency_holdout52.jsonl",),
    "fifty-first new author": ("agency_holdout53.jsonl",),
    "fifty-second new author": ("agency_holdout54.jsonl",),
    "fifty-third new author": ("agency_holdout55.jsonl",),
    "fifty-fourth new author": ("agency_holdout56.jsonl",),
    "fifty-fifth new author": ("agency_holdout57.jsonl",),
    "fifty-sixth new author": ("agency_holdout58.jsonl",),
    "fifty-seventh new author": ("agency_holdout59.jsonl",),
    "fifty-eighth new author": ("agency_holdout60.jsonl",),
    "fifty-ninth new author": ("agency_holdout61.jsonl",),
    "sixtieth new author": ("agency_holdout62.jsonl",),
    "held-out, sixty-first new author": ("agency_holdout63.jsonl",),
    "held-out, sixty-second new author": ("agency_holdout64.jsonl",),
}
UNLABELLED = {"tuned, second new author": frozenset({"tier"})}
"""Fields a part's author did not label (their lines hold null): not counted for that part."""
LISTED = frozenset(
    {
        "tuning",
        "tuned, new author",
        "tuned, second new author",
        "tuned, third new author",
        "tuned, fourth new author",
        "tuned, fifth new author",
        "tuned, seventh new author",
        "ninth new author",
        "tenth new author",
        "eleventh new author",
        "twelfth new author",
        "thirteenth new author",
        "fourteenth new author",
        "fifteenth new author",
        "sixteenth new author",
        "seventeenth new author",
        "eighteenth new author",
        "nineteenth new author",
        "twentieth new author",
        "twenty-first new author",
        "twenty-second new author",
        "twenty-third new author",
        "twenty-fourth new author",
        "twenty-fifth new author",
        "twenty-sixth new author",
        "twenty-seventh new author",
        "twenty-eighth new author",
        "twenty-ninth new author",
        "thirtieth new author",
        "thirty-first new author",
        "thirty-second new author",
        "thirty-third new author",
        "thirty-fourth new author",
        "thirty-fifth new author",
        "thirty-sixth new author",
        "thirty-seventh new author",
        "thirty-eighth new author",
        "thirty-ninth new author",
        "fortieth new author",
        "forty-first new author",
        "forty-second new author",
        "forty-third new author",
        "forty-fourth new author",
        "forty-seventh new author",
        "forty-ninth new author",
        "fiftieth new author",
        "fifty-first new author",
        "fifty-second new author",
        "fifty-third new author",
        "fifty-fourth new author",
        "fifty-fifth new author",
        "fifty-sixth new author",
        "fifty-seventh new author",
        "fifty-eighth new author",
        "fifty-ninth new author",
        "sixtieth new author",
    }
)
"""Parts whose disagreements `-v` lists; a held-out part's misses, once read, are tuned on."""
