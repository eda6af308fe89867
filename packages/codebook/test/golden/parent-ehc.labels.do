* Survey for parents of children and young people who have an education health and care plan (parent_ehc, version 1.0.0): Stata labels for data.csv.
* Written by poet codebook. Run it from the folder that holds data.csv; it saves data.dta.
* No answer: .n not asked (-1), .r not reached (-2), .b left blank (-9);
* .d don't know, .p prefer not to say. Text and date variables keep "-1", "-2", "-9" as text.
* Labels shortened to 80 characters are listed, with their full text, in notes.txt.
version 14

import delimited using "data.csv", clear encoding("utf-8") varnames(1) case(preserve) ///
    delimiters(",") bindquote(strict) stringcols(1 2 3 5 7 15 18 61 64 65) ///
    numericcols(4 6 8 9 10 11 12 13 14 16 17 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 62 63)

label variable response_id `"Response id"'
label variable survey_version `"Survey version"'
label variable submitted `"Date submitted"'
label variable consent `"I am happy to answer the questions and for my answers to be used in the way tha…"'
label variable la_name `"Name of the local authority that has written to you"'
label variable child_age `"Child's age:"'
label variable setting_name `"Name of the nursery, school, college you are attending"'
label variable main_reason_1 `"What is the main reason your child needs an EHC plan? (Ti… – Learning disability"'
label variable main_reason_2 `"What is the main reason your child needs an EHC plan? (Tick all that apply) – S…"'
label variable main_reason_3 `"What is the main reason your child needs an EHC… – Communication and interaction"'
label variable main_reason_4 `"What is the main reason your child needs an EHC plan… – Sensory (hearing, sight)"'
label variable main_reason_5 `"What is the main reason your child needs an EHC plan? (Ti… – Physical disability"'
label variable main_reason_96 `"What is the main reason your child needs an EHC plan?… – Other – please describe"'
label variable main_reason_98 `"What is the main reason your child needs an EHC plan? (Tick all th… – Don't know"'
label variable main_reason_other `"What is the main reason your child… – description for "Other – please describe""'
label variable most_impact `"Which of the above has the most impact"'
label variable ehc_plan_status `"Did your child have an EHC plan? (Please tick)"'
label variable plan_date `"When was your child's EHC plan finalised?"'
label variable has_pb `"Do you have a personal budget for your child?"'
label variable pb_offered `"Has anyone offered you a personal budget, or talked to you about having one?"'
label variable pb_managed `"How is your child's personal budget managed?"'
label variable pb_covers_1 `"What does the personal bu… – Education, for example support in school or college"'
label variable pb_covers_2 `"What does the personal budget pay… – Health, for example therapies or equipment"'
label variable pb_covers_3 `"What does the p… – Social care, for example short breaks or a personal assistant"'
label variable pb_covers_4 `"What does the personal budget pay for? (Tick all that apply) – Transport"'
label variable pb_covers_98 `"What does the personal budget pay for? (Tick all that apply) – Don't know"'
label variable pb_amount_known `"Do you know how much money is in your child's personal budget?"'
label variable pb_amount `"About how much is your child's personal budget for a whole year? (£, whole poun…"'
label variable pb_duration `"How long have you had the personal budget?"'
label variable views_taken `"Do you feel your views were taken into account in your child's EHC plan?"'
label variable child_views_taken `"Do you feel your child's views were taken into account in the plan?"'
label variable ehc_help_1 `"Who helped you with the EHC plan? (… – Local authority SEN staff or a key worker"'
label variable ehc_help_2 `"Who helped you with the EHC plan? (Ti… – Staff at the nursery, school or college"'
label variable ehc_help_3 `"Who helped you with the EHC plan? (Tick all that apply) – Health staff"'
label variable ehc_help_4 `"Who helped you with the EHC plan? (Tick all that apply) – A social worker"'
label variable ehc_help_5 `"Who helped you with… – An independent supporter or a parent support organisation"'
label variable ehc_help_6 `"Who helped you with the EHC plan? (Tick all that apply) – Family or friends"'
label variable ehc_help_97 `"Who helped you with the EHC plan? (Tick all that apply) – Nobody helped me"'
label variable ehc_ease_get_info `"How easy or difficult was it to: – Get the information and advice you needed"'
label variable ehc_ease_assessment `"How easy or difficult was i… – Take part in the assessment of your child's needs"'
label variable ehc_ease_agree_outcomes `"How easy or difficult was it to: – Agree the outcomes in the plan"'
label variable ehc_ease_choose_support `"How easy or difficult was it to: – Choose the support your child gets"'
label variable ehc_ease_understand_pb `"How easy or dif… – Understand what a personal budget is and how it could be used"'
label variable timescale_20wk `"Was the plan finished within 20 weeks of the request for an assessment?"'
label variable needs_confident `"How confident are you that your child's needs will be met by the support in the…"'
label variable child_impact_health `"Since your child has had an EHC plan, have these things… – Their physical health"'
label variable child_impact_emotional `"Since your child has had an EHC plan,… – Their emotional wellbeing and happiness"'
label variable child_impact_learning `"Since your child has had an EHC plan, have these… – Their learning and progress"'
label variable child_impact_friends `"Since your child has had an EHC plan, have t… – Having friends and relationships"'
label variable child_impact_community `"Since your child has had an EHC pl… – Taking part in activities in the community"'
label variable child_impact_safe `"Since your child has had an EHC plan, have these things got bett… – Feeling safe"'
label variable child_impact_choice `"Since your child has had an EHC plan, have the… – Having a say in their own life"'
label variable child_impact_adult_life `"Since your child has had an EHC plan, have these… – Getting ready for adult life"'
label variable family_impact_parent_wellbeing `"And have these things got better, stayed the sa… – Your own health and wellbeing"'
label variable family_impact_family_life `"And have these things got better, stayed the same or got wor… – Your family life"'
label variable family_impact_paid_work `"And have these things got better, stayed th… – Being able to work if you want to"'
label variable family_impact_choice_control `"And have these th… – Having choice and control over the support your family gets"'
label variable pb_difference `"Overall, has having a personal budget made your child's life better or worse?"'
label variable child_gender `"Is your child:"'
label variable respondent_rel `"What is your relationship to the child or young person? I am their:"'
label variable respondent_rel_other `"What is your relationship to the ch… – description for "Other – please describe""'
label variable age_band `"How old are you?"'
label variable gender `"Are you:"'
label variable what_worked `"What has worked well for your child and your family?"'
label variable what_not_worked `"What has not worked well?"'

* The reasons for no answer, as extended missing values.
recode consent child_age main_reason_1 main_reason_2 main_reason_3 main_reason_4 main_reason_5 main_reason_96 main_reason_98 most_impact ehc_plan_status has_pb pb_offered pb_managed pb_covers_1 pb_covers_2 pb_covers_3 pb_covers_4 pb_covers_98 pb_amount_known (-1 = .n) (-2 = .r) (-9 = .b)
recode pb_amount pb_duration views_taken child_views_taken ehc_help_1 ehc_help_2 ehc_help_3 ehc_help_4 ehc_help_5 ehc_help_6 ehc_help_97 ehc_ease_get_info ehc_ease_assessment ehc_ease_agree_outcomes ehc_ease_choose_support ehc_ease_understand_pb timescale_20wk needs_confident child_impact_health child_impact_emotional (-1 = .n) (-2 = .r) (-9 = .b)
recode child_impact_learning child_impact_friends child_impact_community child_impact_safe child_impact_choice child_impact_adult_life family_impact_parent_wellbeing family_impact_family_life family_impact_paid_work family_impact_choice_control pb_difference child_gender respondent_rel age_band gender (-1 = .n) (-2 = .r) (-9 = .b)
recode has_pb (98 = .d)
recode pb_offered (98 = .d)
recode pb_managed (98 = .d)
recode pb_duration (98 = .d)
recode views_taken (98 = .d)
recode child_views_taken (98 = .d)
recode ehc_ease_get_info (98 = .d)
recode ehc_ease_assessment (98 = .d)
recode ehc_ease_agree_outcomes (98 = .d)
recode ehc_ease_choose_support (98 = .d)
recode ehc_ease_understand_pb (98 = .d)
recode timescale_20wk (98 = .d)
recode needs_confident (98 = .d)
recode child_impact_health (98 = .d)
recode child_impact_emotional (98 = .d)
recode child_impact_learning (98 = .d)
recode child_impact_friends (98 = .d)
recode child_impact_community (98 = .d)
recode child_impact_safe (98 = .d)
recode child_impact_choice (98 = .d)
recode child_impact_adult_life (98 = .d)
recode family_impact_parent_wellbeing (98 = .d)
recode family_impact_family_life (98 = .d)
recode family_impact_paid_work (98 = .d)
recode family_impact_choice_control (98 = .d)
recode pb_difference (98 = .d)
recode child_gender (99 = .p)
recode age_band (99 = .p)
recode gender (99 = .p)

* Value labels (one label per variable, named after it).
label define consent 1 `"YES"' 2 `"NO"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values consent consent
label define child_age .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_age child_age
label define main_reason_1 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values main_reason_1 main_reason_1
label define main_reason_2 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values main_reason_2 main_reason_2
label define main_reason_3 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values main_reason_3 main_reason_3
label define main_reason_4 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values main_reason_4 main_reason_4
label define main_reason_5 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values main_reason_5 main_reason_5
label define main_reason_96 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values main_reason_96 main_reason_96
label define main_reason_98 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values main_reason_98 main_reason_98
label define most_impact 1 `"Learning disability"' 2 `"Social, mental and emotional health (including challenging behaviour)"' 3 `"Communication and interaction"' 4 `"Sensory (hearing, sight)"' 5 `"Physical disability"' 96 `"Other – please describe"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values most_impact most_impact
label define ehc_plan_status 1 `"Yes, my child has an EHC plan"' 2 `"We are in the process of getting an EHC plan"' 3 `"No"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_plan_status ehc_plan_status
label define has_pb 1 `"Yes"' 2 `"No"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values has_pb has_pb
label define pb_offered 1 `"Yes"' 2 `"No"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_offered pb_offered
label define pb_managed 1 `"As a direct payment paid to me, or to my young person"' 2 `"The local authority holds the money and arranges the support"' 3 `"The school or college holds the money"' 4 `"Another organisation holds the money for us"' 5 `"A mix of these"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_managed pb_managed
label define pb_covers_1 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_covers_1 pb_covers_1
label define pb_covers_2 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_covers_2 pb_covers_2
label define pb_covers_3 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_covers_3 pb_covers_3
label define pb_covers_4 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_covers_4 pb_covers_4
label define pb_covers_98 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_covers_98 pb_covers_98
label define pb_amount_known 1 `"Yes"' 2 `"No"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_amount_known pb_amount_known
label define pb_amount .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_amount pb_amount
label define pb_duration 1 `"Less than 6 months"' 2 `"6 months up to 1 year"' 3 `"More than 1 year, up to 2 years"' 4 `"More than 2 years"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_duration pb_duration
label define views_taken 1 `"Yes, completely"' 2 `"Yes, partly"' 3 `"No"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values views_taken views_taken
label define child_views_taken 1 `"Yes, completely"' 2 `"Yes, partly"' 3 `"No"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_views_taken child_views_taken
label define ehc_help_1 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_help_1 ehc_help_1
label define ehc_help_2 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_help_2 ehc_help_2
label define ehc_help_3 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_help_3 ehc_help_3
label define ehc_help_4 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_help_4 ehc_help_4
label define ehc_help_5 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_help_5 ehc_help_5
label define ehc_help_6 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_help_6 ehc_help_6
label define ehc_help_97 0 `"Not ticked"' 1 `"Ticked"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_help_97 ehc_help_97
label define ehc_ease_get_info 1 `"Very easy"' 2 `"Fairly easy"' 3 `"Neither easy nor difficult"' 4 `"Fairly difficult"' 5 `"Very difficult"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_ease_get_info ehc_ease_get_info
label define ehc_ease_assessment 1 `"Very easy"' 2 `"Fairly easy"' 3 `"Neither easy nor difficult"' 4 `"Fairly difficult"' 5 `"Very difficult"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_ease_assessment ehc_ease_assessment
label define ehc_ease_agree_outcomes 1 `"Very easy"' 2 `"Fairly easy"' 3 `"Neither easy nor difficult"' 4 `"Fairly difficult"' 5 `"Very difficult"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_ease_agree_outcomes ehc_ease_agree_outcomes
label define ehc_ease_choose_support 1 `"Very easy"' 2 `"Fairly easy"' 3 `"Neither easy nor difficult"' 4 `"Fairly difficult"' 5 `"Very difficult"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_ease_choose_support ehc_ease_choose_support
label define ehc_ease_understand_pb 1 `"Very easy"' 2 `"Fairly easy"' 3 `"Neither easy nor difficult"' 4 `"Fairly difficult"' 5 `"Very difficult"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values ehc_ease_understand_pb ehc_ease_understand_pb
label define timescale_20wk 1 `"Yes"' 2 `"No"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values timescale_20wk timescale_20wk
label define needs_confident 1 `"Very confident"' 2 `"Fairly confident"' 3 `"Not very confident"' 4 `"Not at all confident"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values needs_confident needs_confident
label define child_impact_health 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_impact_health child_impact_health
label define child_impact_emotional 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_impact_emotional child_impact_emotional
label define child_impact_learning 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_impact_learning child_impact_learning
label define child_impact_friends 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_impact_friends child_impact_friends
label define child_impact_community 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_impact_community child_impact_community
label define child_impact_safe 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_impact_safe child_impact_safe
label define child_impact_choice 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_impact_choice child_impact_choice
label define child_impact_adult_life 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_impact_adult_life child_impact_adult_life
label define family_impact_parent_wellbeing 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values family_impact_parent_wellbeing family_impact_parent_wellbeing
label define family_impact_family_life 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values family_impact_family_life family_impact_family_life
label define family_impact_paid_work 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values family_impact_paid_work family_impact_paid_work
label define family_impact_choice_control 1 `"Got better"' 2 `"Stayed the same"' 3 `"Got worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values family_impact_choice_control family_impact_choice_control
label define pb_difference 1 `"A lot better"' 2 `"A bit better"' 3 `"No difference"' 4 `"A bit worse"' 5 `"A lot worse"' .d `"Don't know"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values pb_difference pb_difference
label define child_gender 1 `"Male"' 2 `"Female"' 3 `"In another way"' .p `"Prefer not to say"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values child_gender child_gender
label define respondent_rel 1 `"Mother"' 2 `"Father"' 3 `"Grandparent"' 4 `"Foster carer"' 5 `"Other relative"' 96 `"Other – please describe"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values respondent_rel respondent_rel
label define age_band 1 `"18 to 24"' 2 `"25 to 34"' 3 `"35 to 44"' 4 `"45 to 54"' 5 `"55 to 64"' 6 `"65 to 74"' 7 `"75 to 84"' 8 `"85 or over"' .p `"Prefer not to say"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values age_band age_band
label define gender 1 `"Male"' 2 `"Female"' 3 `"In another way"' .p `"Prefer not to say"' .n `"Not asked (routing or consent)"' .r `"Not reached (response ended before it)"' .b `"Asked, left blank"', replace
label values gender gender

* Text and date variables: the reasons stay as text.
notes la_name: "-1" not asked, "-2" not reached, "-9" asked but left blank
notes setting_name: "-1" not asked, "-2" not reached, "-9" asked but left blank
notes main_reason_other: "-1" not asked, "-2" not reached, "-9" asked but left blank
notes plan_date: "-1" not asked, "-2" not reached, "-9" asked but left blank; dates are YYYY-MM-DD text (convert with date(var, "YMD"))
notes respondent_rel_other: "-1" not asked, "-2" not reached, "-9" asked but left blank
notes what_worked: "-1" not asked, "-2" not reached, "-9" asked but left blank
notes what_not_worked: "-1" not asked, "-2" not reached, "-9" asked but left blank

compress
save "data.dta", replace
