import CaseLoading
import CaseValidation
import Foundation

/// A small, valid, fictional cohort held in memory, and ways to break it.
enum TestCohort {
    static let review = """
        title: "A fictional review of invented cases"
        subtitle: "Made up for tests"
        publisher: "An invented panel"
        published: 2021-09-15
        period: {from: 2018-06, to: 2020-06}
        initial_shortlist: 74
        regions_total: 9
        family_contributions: 2

        """

    static let areas = """
        - code: A01
          type: county
          region: north-west
          family_nurse_partnership: false
          practitioners: 9
          strategic_partners: 8
        - code: A02
          type: london-borough
          region: london
          family_nurse_partnership: yes
          practitioners: 0
          strategic_partners: 3

        """

    static let vocabulary = """
        ethnicities:
          - White British
          - Asian
        themes:
          - code: information-sharing
            title: "Information sharing"
          - code: domestic-abuse
            title: "Domestic abuse"

        """

    /// A seriously harmed child; every line's number matters to the tests.
    static let c01 = """
        id: C01
        area: A01
        local_review: lcspr
        child:
          sex: male
          ethnicity: White British
          age_months: 3
          premature: false
          feeding_difficulties: true
          weight_loss: false
        harm:
          outcome: seriously-harmed
          injuries: [head-injury, fracture]
          occasions: repeated
          prognosis: impairment-unlikely
        male_carer:
          relationship: birth-father
          criminal_convictions: true
          probation: previous
        parents:
          current_domestic_abuse: true
          historical_domestic_abuse: false
          mental_health: true
          care_leaver: false
          under_22: true
        agency_involvement: universal
        proceedings:
          criminal: awaiting-decision
          murder_charge: none
          findings_of_fact: father
        themes: [information-sharing, domestic-abuse]
        summary: |
          Fictional text.
        learning:
          - theme: information-sharing
            text: "Fictional learning point."
            publishable: false

        """

    /// A child who died; booleans in mixed letter case, no themes, no learning.
    static let c02 = """
        id: C02
        area: A02
        local_review: scr
        child:
          sex: female
          ethnicity: Asian
          age_months: 0
          premature: yes
          feeding_difficulties: NO
          weight_loss: False
        harm:
          outcome: died
          injuries:
            - bruising
          occasions: single
        male_carer:
          relationship: mothers-partner
          criminal_convictions: false
          probation: none
        parents:
          current_domestic_abuse: false
          historical_domestic_abuse: true
          mental_health: false
          care_leaver: true
          under_22: false
        agency_involvement: child-protection
        proceedings:
          criminal: father-convicted
          murder_charge: father
          findings_of_fact: none
        themes: []
        summary: "Invented, with a comma, and a \\"quote\\"."

        """

    /// The same two cases as a spreadsheet (C01's learning point is in `learningCSV`).
    static let csv = """
        id,area,local_review,child.sex,child.ethnicity,child.age_months,child.premature,child.feeding_difficulties,child.weight_loss,harm.outcome,harm.injuries,harm.occasions,harm.prognosis,male_carer.relationship,male_carer.criminal_convictions,male_carer.probation,parents.current_domestic_abuse,parents.historical_domestic_abuse,parents.mental_health,parents.care_leaver,parents.under_22,agency_involvement,proceedings.criminal,proceedings.murder_charge,proceedings.findings_of_fact,themes,summary
        C01,A01,lcspr,male,White British,3,false,true,false,seriously-harmed,head-injury;fracture,repeated,impairment-unlikely,birth-father,true,previous,true,false,true,false,true,universal,awaiting-decision,none,father,information-sharing;domestic-abuse,Fictional text.
        C02,A02,scr,female,Asian,0,yes,NO,False,died,bruising,single,,mothers-partner,false,none,false,true,false,true,false,child-protection,father-convicted,father,none,,"Invented, with a comma, and a ""quote""."

        """

    /// C01's learning point, as `learning.csv` holds it beside `cases.csv`.
    static let learningCSV = """
        case,theme,text,publishable
        C01,information-sharing,Fictional learning point.,false

        """

    /// C01 without its learning point (what `cases.csv` alone carries).
    static var c01WithoutLearning: String {
        c01.components(separatedBy: "learning:\n")[0]
    }

    static var base: [String: String] {
        ["Inputs/review.yaml": review, "Inputs/areas.yaml": areas, "Inputs/vocabulary.yaml": vocabulary]
    }

    /// The YAML form: the shared files plus `cases/C01.yaml` and `cases/C02.yaml`.
    static var yamlFiles: [String: String] {
        base.merging(["Inputs/cases/C01.yaml": c01, "Inputs/cases/C02.yaml": c02]) { $1 }
    }

    /// The spreadsheet form: the shared files plus `cases.csv` and `learning.csv`.
    static var csvFiles: [String: String] {
        base.merging(["Inputs/cases.csv": csv, "Inputs/learning.csv": learningCSV]) { $1 }
    }

    static func load(_ files: [String: String], limits: LoadingLimits = .standard) -> CohortLoadResult {
        CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(textFiles: files), limits: limits)
    }

    /// The cohort with one file's text changed by replacing `old` (which must occur) with `new`.
    static func yamlFiles(_ path: String, replacing old: String, with new: String) -> [String: String] {
        var files = yamlFiles
        let text = files[path]!
        precondition(text.contains(old), "fixture does not contain \(old)")
        files[path] = text.replacingOccurrences(of: old, with: new)
        return files
    }

    static func csvFiles(replacing old: String, with new: String) -> [String: String] {
        var files = csvFiles
        precondition(csv.contains(old), "fixture does not contain \(old)")
        files["Inputs/cases.csv"] = csv.replacingOccurrences(of: old, with: new)
        return files
    }
}

extension CohortLoadResult {
    /// Every diagnostic as printed.
    var lines: [String] { diagnostics.map(\.description) }
}
