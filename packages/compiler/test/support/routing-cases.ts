/**
 * The respondent paths of shared/poet-reference/ROUTING-CASES.md, as data: the answers given
 * (`null`: left out), the questions asked in order, and (where the markdown lists them) the
 * grid rows shown and the options a piped question offers. Generated once from the markdown and
 * checked in; keep in step with it.
 */
export interface RoutingCase {
  readonly id: string;
  readonly title: string;
  readonly survey: 'parent_ehc' | 'adult_social_care';
  readonly given: Readonly<Record<string, string | readonly string[] | null>>;
  readonly asked: readonly string[];
  /** Rows shown, for grids with row conditions where not every row is shown. */
  readonly rowsShown?: Readonly<Record<string, readonly string[]>>;
  readonly offers?: Readonly<Record<string, readonly string[]>>;
}

export const ROUTING_CASES: readonly RoutingCase[] = [
  {
    "id": "P01",
    "title": "Consent NO",
    "survey": "parent_ehc",
    "given": {
      "consent": "no"
    },
    "asked": [
      "consent"
    ]
  },
  {
    "id": "P02",
    "title": "Screen-out: no EHC plan, after the piped follow-up",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": [
        "sensory",
        "physical"
      ],
      "most_impact": "sensory",
      "ehc_plan_status": "no"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "most_impact",
      "ehc_plan_status"
    ],
    "offers": {
      "most_impact": [
        "sensory",
        "physical"
      ]
    }
  },
  {
    "id": "P03",
    "title": "Full path: plan, personal budget, amount known, two reasons ticked",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": [
        "learning_disability",
        "communication"
      ],
      "most_impact": "communication",
      "ehc_plan_status": "yes",
      "has_pb": "yes",
      "pb_amount_known": "yes"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "most_impact",
      "ehc_plan_status",
      "plan_date",
      "has_pb",
      "pb_managed",
      "pb_covers",
      "pb_amount_known",
      "pb_amount",
      "pb_duration",
      "views_taken",
      "child_views_taken",
      "ehc_help",
      "ehc_ease",
      "timescale_20wk",
      "needs_confident",
      "child_impact",
      "family_impact",
      "pb_difference",
      "child_gender",
      "respondent_rel",
      "age_band",
      "gender",
      "what_worked",
      "what_not_worked"
    ],
    "offers": {
      "most_impact": [
        "learning_disability",
        "communication"
      ]
    }
  },
  {
    "id": "P04",
    "title": "In process of getting a plan, no personal budget, one reason ticked",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": [
        "semh"
      ],
      "ehc_plan_status": "in_process",
      "has_pb": "no"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "ehc_plan_status",
      "has_pb",
      "pb_offered",
      "views_taken",
      "child_views_taken",
      "ehc_help",
      "ehc_ease",
      "needs_confident",
      "child_gender",
      "respondent_rel",
      "age_band",
      "gender",
      "what_worked",
      "what_not_worked"
    ]
  },
  {
    "id": "P05",
    "title": "Plan, personal budget don't know, reasons left out (none ticked)",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": null,
      "ehc_plan_status": "yes",
      "has_pb": "dont_know"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "ehc_plan_status",
      "plan_date",
      "has_pb",
      "views_taken",
      "child_views_taken",
      "ehc_help",
      "ehc_ease",
      "timescale_20wk",
      "needs_confident",
      "child_impact",
      "family_impact",
      "child_gender",
      "respondent_rel",
      "age_band",
      "gender",
      "what_worked",
      "what_not_worked"
    ]
  },
  {
    "id": "P06",
    "title": "Plan, no personal budget, exclusive \"Don't know\" reason",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": [
        "dont_know"
      ],
      "ehc_plan_status": "yes",
      "has_pb": "no"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "ehc_plan_status",
      "plan_date",
      "has_pb",
      "pb_offered",
      "views_taken",
      "child_views_taken",
      "ehc_help",
      "ehc_ease",
      "timescale_20wk",
      "needs_confident",
      "child_impact",
      "family_impact",
      "child_gender",
      "respondent_rel",
      "age_band",
      "gender",
      "what_worked",
      "what_not_worked"
    ]
  },
  {
    "id": "P07",
    "title": "In process, personal budget, three reasons including Other",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": [
        "learning_disability",
        "sensory",
        "other"
      ],
      "main_reason_other": "Epilepsy",
      "most_impact": "other",
      "ehc_plan_status": "in_process",
      "has_pb": "yes",
      "pb_amount_known": "yes"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "most_impact",
      "ehc_plan_status",
      "has_pb",
      "pb_managed",
      "pb_covers",
      "pb_amount_known",
      "pb_amount",
      "pb_duration",
      "views_taken",
      "child_views_taken",
      "ehc_help",
      "ehc_ease",
      "needs_confident",
      "child_gender",
      "respondent_rel",
      "age_band",
      "gender",
      "what_worked",
      "what_not_worked"
    ],
    "offers": {
      "most_impact": [
        "learning_disability",
        "sensory",
        "other"
      ]
    }
  },
  {
    "id": "P08",
    "title": "Plan, personal budget, amount not known, exclusive options in other multis",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": [
        "communication",
        "physical"
      ],
      "most_impact": "physical",
      "ehc_plan_status": "yes",
      "has_pb": "yes",
      "pb_amount_known": "no",
      "pb_covers": [
        "dont_know"
      ],
      "ehc_help": [
        "nobody"
      ]
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "most_impact",
      "ehc_plan_status",
      "plan_date",
      "has_pb",
      "pb_managed",
      "pb_covers",
      "pb_amount_known",
      "pb_duration",
      "views_taken",
      "child_views_taken",
      "ehc_help",
      "ehc_ease",
      "timescale_20wk",
      "needs_confident",
      "child_impact",
      "family_impact",
      "pb_difference",
      "child_gender",
      "respondent_rel",
      "age_band",
      "gender",
      "what_worked",
      "what_not_worked"
    ],
    "offers": {
      "most_impact": [
        "communication",
        "physical"
      ]
    }
  },
  {
    "id": "P09",
    "title": "In process, personal budget don't know (shortest full path)",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": [
        "communication"
      ],
      "ehc_plan_status": "in_process",
      "has_pb": "dont_know"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "ehc_plan_status",
      "has_pb",
      "views_taken",
      "child_views_taken",
      "ehc_help",
      "ehc_ease",
      "needs_confident",
      "child_gender",
      "respondent_rel",
      "age_band",
      "gender",
      "what_worked",
      "what_not_worked"
    ]
  },
  {
    "id": "P10",
    "title": "Screen-out with reasons left out",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": null,
      "ehc_plan_status": "no"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "ehc_plan_status"
    ]
  },
  {
    "id": "P11",
    "title": "Plan, personal budget, amount known but left blank; relationship Other",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": [
        "semh",
        "communication"
      ],
      "most_impact": "semh",
      "ehc_plan_status": "yes",
      "has_pb": "yes",
      "pb_amount_known": "yes",
      "pb_amount": null,
      "respondent_rel": "other",
      "respondent_rel_other": "Step-parent"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "most_impact",
      "ehc_plan_status",
      "plan_date",
      "has_pb",
      "pb_managed",
      "pb_covers",
      "pb_amount_known",
      "pb_amount",
      "pb_duration",
      "views_taken",
      "child_views_taken",
      "ehc_help",
      "ehc_ease",
      "timescale_20wk",
      "needs_confident",
      "child_impact",
      "family_impact",
      "pb_difference",
      "child_gender",
      "respondent_rel",
      "age_band",
      "gender",
      "what_worked",
      "what_not_worked"
    ],
    "offers": {
      "most_impact": [
        "semh",
        "communication"
      ]
    }
  },
  {
    "id": "P12",
    "title": "In process, no personal budget, two reasons ticked",
    "survey": "parent_ehc",
    "given": {
      "consent": "yes",
      "main_reason": [
        "semh",
        "physical"
      ],
      "most_impact": "physical",
      "ehc_plan_status": "in_process",
      "has_pb": "no"
    },
    "asked": [
      "consent",
      "la_name",
      "child_age",
      "setting_name",
      "main_reason",
      "most_impact",
      "ehc_plan_status",
      "has_pb",
      "pb_offered",
      "views_taken",
      "child_views_taken",
      "ehc_help",
      "ehc_ease",
      "needs_confident",
      "child_gender",
      "respondent_rel",
      "age_band",
      "gender",
      "what_worked",
      "what_not_worked"
    ],
    "offers": {
      "most_impact": [
        "semh",
        "physical"
      ]
    }
  },
  {
    "id": "A01",
    "title": "Consent NO",
    "survey": "adult_social_care",
    "given": {
      "consent": "no"
    },
    "asked": [
      "consent"
    ]
  },
  {
    "id": "A02",
    "title": "Does not recognise a personal budget (no); one reason; filled in alone",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "learning_disability"
      ],
      "support_type": [
        "day_service"
      ],
      "pb_aware": "no",
      "completed_by": "self"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "health_general",
      "support_type",
      "pb_aware",
      "views_taken",
      "process_ease",
      "impact_grid",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by"
    ],
    "rowsShown": {
      "process_ease": [
        "get_info",
        "assessment",
        "plan_support",
        "choose_support",
        "change_support",
        "complain"
      ]
    }
  },
  {
    "id": "A03",
    "title": "Full path: direct payment, amount known, two reasons, care home, helped to fill in",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "physical",
        "dementia"
      ],
      "support_main": "dementia",
      "support_type": [
        "care_home",
        "equipment"
      ],
      "pb_aware": "yes",
      "budget_type": "direct_payment",
      "pb_amount_known": "yes",
      "completed_by": "self_helped"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "support_main",
      "health_general",
      "support_type",
      "care_home_choice",
      "pb_aware",
      "budget_type",
      "pb_told_amount",
      "plan_help",
      "pb_spend",
      "pb_duration",
      "pa_employ",
      "dp_manager",
      "pb_amount_known",
      "pb_amount",
      "views_taken",
      "process_ease",
      "impact_grid",
      "pb_difference",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by",
      "helper_who"
    ],
    "offers": {
      "support_main": [
        "physical",
        "dementia"
      ]
    }
  },
  {
    "id": "A04",
    "title": "Managed budget, amount not known, someone else filled it in",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "older_age"
      ],
      "support_type": [
        "home_care"
      ],
      "pb_aware": "yes",
      "budget_type": "managed",
      "pb_amount_known": "no",
      "completed_by": "someone_else"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "health_general",
      "support_type",
      "pb_aware",
      "budget_type",
      "pb_told_amount",
      "plan_help",
      "pb_spend",
      "pb_duration",
      "pb_amount_known",
      "views_taken",
      "process_ease",
      "impact_grid",
      "pb_difference",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by",
      "helper_who"
    ]
  },
  {
    "id": "A05",
    "title": "Mixed budget, three reasons including Other, helper Other",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "mental_health",
        "autism",
        "other"
      ],
      "support_reason_other": "Acquired brain injury",
      "support_main": "other",
      "support_type": [
        "pa",
        "community"
      ],
      "pb_aware": "yes",
      "budget_type": "mixed",
      "pb_amount_known": "yes",
      "completed_by": "self_helped",
      "helper_who": "other",
      "helper_who_other": "My key worker at the day centre"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "support_main",
      "health_general",
      "support_type",
      "pb_aware",
      "budget_type",
      "pb_told_amount",
      "plan_help",
      "pb_spend",
      "pb_duration",
      "pa_employ",
      "dp_manager",
      "pb_amount_known",
      "pb_amount",
      "views_taken",
      "process_ease",
      "impact_grid",
      "pb_difference",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by",
      "helper_who"
    ],
    "offers": {
      "support_main": [
        "mental_health",
        "autism",
        "other"
      ]
    }
  },
  {
    "id": "A06",
    "title": "Personal budget don't know; lives in a care home",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "dementia"
      ],
      "support_type": [
        "care_home"
      ],
      "pb_aware": "dont_know",
      "completed_by": "someone_else"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "health_general",
      "support_type",
      "care_home_choice",
      "pb_aware",
      "views_taken",
      "process_ease",
      "impact_grid",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by",
      "helper_who"
    ],
    "rowsShown": {
      "process_ease": [
        "get_info",
        "assessment",
        "plan_support",
        "choose_support",
        "change_support",
        "complain"
      ]
    }
  },
  {
    "id": "A07",
    "title": "Exclusive options: reasons prefer not to say (no reason to pipe), support type don't know, nobody helped plan; budget type don't know",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "prefer_not_say"
      ],
      "support_type": [
        "dont_know"
      ],
      "pb_aware": "yes",
      "budget_type": "dont_know",
      "plan_help": [
        "nobody"
      ],
      "pb_amount_known": "no",
      "completed_by": "self"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "health_general",
      "support_type",
      "pb_aware",
      "budget_type",
      "pb_told_amount",
      "plan_help",
      "pb_spend",
      "pb_duration",
      "pb_amount_known",
      "views_taken",
      "process_ease",
      "impact_grid",
      "pb_difference",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by"
    ]
  },
  {
    "id": "A08",
    "title": "Budget held by a third party, amount known, filled in alone",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "sensory",
        "long_term"
      ],
      "support_main": "sensory",
      "support_type": [
        "equipment"
      ],
      "pb_aware": "yes",
      "budget_type": "third_party",
      "pb_amount_known": "yes",
      "completed_by": "self"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "support_main",
      "health_general",
      "support_type",
      "pb_aware",
      "budget_type",
      "pb_told_amount",
      "plan_help",
      "pb_spend",
      "pb_duration",
      "pb_amount_known",
      "pb_amount",
      "views_taken",
      "process_ease",
      "impact_grid",
      "pb_difference",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by"
    ],
    "offers": {
      "support_main": [
        "sensory",
        "long_term"
      ]
    }
  },
  {
    "id": "A09",
    "title": "No personal budget, two reasons, someone else filled it in",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "physical",
        "mental_health"
      ],
      "support_main": "mental_health",
      "support_type": [
        "home_care",
        "short_breaks"
      ],
      "pb_aware": "no",
      "completed_by": "someone_else"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "support_main",
      "health_general",
      "support_type",
      "pb_aware",
      "views_taken",
      "process_ease",
      "impact_grid",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by",
      "helper_who"
    ],
    "rowsShown": {
      "process_ease": [
        "get_info",
        "assessment",
        "plan_support",
        "choose_support",
        "change_support",
        "complain"
      ]
    },
    "offers": {
      "support_main": [
        "physical",
        "mental_health"
      ]
    }
  },
  {
    "id": "A10",
    "title": "Individual service fund, plan help don't know, care home",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "learning_disability"
      ],
      "support_type": [
        "supported_living",
        "care_home"
      ],
      "pb_aware": "yes",
      "budget_type": "provider_held",
      "plan_help": [
        "dont_know"
      ],
      "pb_amount_known": "yes",
      "completed_by": "self_helped"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "health_general",
      "support_type",
      "care_home_choice",
      "pb_aware",
      "budget_type",
      "pb_told_amount",
      "plan_help",
      "pb_spend",
      "pb_duration",
      "pb_amount_known",
      "pb_amount",
      "views_taken",
      "process_ease",
      "impact_grid",
      "pb_difference",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by",
      "helper_who"
    ]
  },
  {
    "id": "A11",
    "title": "Direct payment, amount not known, one reason",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "physical"
      ],
      "support_type": [
        "pa"
      ],
      "pb_aware": "yes",
      "budget_type": "direct_payment",
      "pb_amount_known": "no",
      "completed_by": "self"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "health_general",
      "support_type",
      "pb_aware",
      "budget_type",
      "pb_told_amount",
      "plan_help",
      "pb_spend",
      "pb_duration",
      "pa_employ",
      "dp_manager",
      "pb_amount_known",
      "views_taken",
      "process_ease",
      "impact_grid",
      "pb_difference",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by"
    ]
  },
  {
    "id": "A12",
    "title": "Personal budget don't know, two reasons including Other, support type Other",
    "survey": "adult_social_care",
    "given": {
      "consent": "yes",
      "support_reason": [
        "older_age",
        "other"
      ],
      "support_reason_other": "Parkinson's disease",
      "support_main": "other",
      "support_type": [
        "home_care",
        "other"
      ],
      "support_type_other": "Meals on wheels",
      "pb_aware": "dont_know",
      "completed_by": "self_helped"
    },
    "asked": [
      "consent",
      "la_name",
      "age_band",
      "gender",
      "support_reason",
      "support_main",
      "health_general",
      "support_type",
      "pb_aware",
      "views_taken",
      "process_ease",
      "impact_grid",
      "needs_confident",
      "what_worked",
      "what_not_worked",
      "completed_by",
      "helper_who"
    ],
    "rowsShown": {
      "process_ease": [
        "get_info",
        "assessment",
        "plan_support",
        "choose_support",
        "change_support",
        "complain"
      ]
    },
    "offers": {
      "support_main": [
        "older_age",
        "other"
      ]
    }
  }
];
