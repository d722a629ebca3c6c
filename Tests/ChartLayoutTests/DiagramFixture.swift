import ChartLayout

/// Figure 7 as literal values, mirroring Templates/figures/whole-system-change.yaml.
enum DiagramFixture {
    static let figure7 = DiagramSpec(
        centre: "Whole-system change to engage, assess and plan with men",
        groups: [
            DiagramGroup(
                title: "Strategic leadership",
                items: [
                    "National and local partnerships lead the change together",
                    "Expect every service to include fathers from the start",
                    "Commission 0–19 services with room to reach men",
                ]),
            DiagramGroup(
                title: "Universal and antenatal services",
                items: [
                    "Antenatal sessions for men, offered flexibly and after hours",
                    "Online resources that fathers can use at any time",
                    "Ask about the father's needs at the eight-week check",
                ]),
            DiagramGroup(
                title: "Information sharing",
                items: [
                    "Midwives and health visitors can see GP records about fathers",
                    "Health IT systems that link up across midwives, health visitors and GPs",
                ]),
            DiagramGroup(
                title: "Domestic abuse",
                items: [
                    "Evaluated programmes for perpetrators in every area",
                    "Plans show whether a programme was completed",
                    "Consider a national record of violent offenders",
                ]),
            DiagramGroup(
                title: "Adult mental health",
                items: [
                    "Perinatal mental health support for fathers",
                    "Assess parenting capacity when past trauma is known",
                    "Advocacy for men in both mental health and child protection work",
                ]),
            DiagramGroup(
                title: "Workforce skills",
                items: [
                    "Training and supervision for hard conversations with fathers",
                    "Understand emotional dysregulation and its risks",
                ]),
        ])
}
