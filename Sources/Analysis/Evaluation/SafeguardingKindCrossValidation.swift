import Foundation

/// How well a held entry's kind of harm is named, on the project's disclosures whose heading names
/// their kind, without naming any with a model that learnt it: the kind model is trained on all
/// folds but one and names the one left out. The rules (`SafeguardingCategory.decide`) are fixed,
/// but were written by people who had read these examples, so their figures flatter them; the
/// evaluation corpus (`tiengnoi classify --eval`) is the fairer check of both.
///
/// Chooses `SafeguardingKindModel.floor`: the lowest probability at which the model's kinds, for
/// entries the rules leave unnamed, are right at least as often as the rules' own kinds are.
public struct SafeguardingKindCrossValidation: Sendable {
    struct Outcome: Sendable {
        let truth: SafeguardingCategory
        let held: Bool
        /// The rules' kind; nil when they name none.
        let rules: SafeguardingCategory?
        let model: (kind: SafeguardingCategory, probability: Double)
    }

    public struct Naming: Sendable, Equatable {
        public var right = 0
        public var wrong = 0
        public var unnamed = 0
        public var precision: Double { right + wrong == 0 ? 0 : Double(right) / Double(right + wrong) }
    }

    public static let floors = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    let outcomes: [Outcome]

    public init(folds: Int = 5) throws {
        let examples = try BundledSafeguardingEntries.disclosuresByKind()
        let detector = try SafeguardingDetector().namingKindsByRulesOnly()
        var outcomes: [Outcome] = []
        // File order groups entries by kind and by round of writing; every fold gets its share of each.
        for fold in 0..<folds {
            let model = SafeguardingKindModel(examples.enumerated().filter { $0.offset % folds != fold }.map(\.element))
            for (index, example) in examples.enumerated() where index % folds == fold {
                let assessment = detector.assess(example.text)
                outcomes.append(
                    Outcome(
                        truth: example.kind, held: assessment.flagged, rules: assessment.category,
                        model: model.likeliest(VietnameseText(example.text))))
            }
        }
        self.outcomes = outcomes
    }

    /// Held disclosures: how many the rules name right, wrong, or leave unnamed.
    public var heldCount: Int { outcomes.filter(\.held).count }

    public var rules: Naming {
        var naming = Naming()
        for outcome in outcomes where outcome.held {
            switch outcome.rules {
            case nil: naming.unnamed += 1
            case outcome.truth: naming.right += 1
            default: naming.wrong += 1
            }
        }
        return naming
    }

    /// What the model names, at this floor, among the held entries the rules leave unnamed.
    public func model(floor: Double) -> Naming {
        var naming = Naming()
        for outcome in outcomes where outcome.held && outcome.rules == nil {
            if outcome.model.probability < floor {
                naming.unnamed += 1
            } else if outcome.model.kind == outcome.truth {
                naming.right += 1
            } else {
                naming.wrong += 1
            }
        }
        return naming
    }

    /// The lowest floor whose names are right at least as often as the rules' are; nil if none.
    public func chosenFloor() -> Double? {
        let bar = rules.precision
        return Self.floors.first { floor in
            let naming = model(floor: floor)
            return naming.right + naming.wrong > 0 && naming.precision >= bar
        }
    }
}
