import Analysis
import Answers
import Foundation
import Reports
import Summary

/// `tiengnoi classify --safeguarding-cv`: cross-validated recall and false alarms of the
/// safeguarding detector for a grid of thresholds, to choose `Thresholds.tuned` from. Prints
/// figures only, never an example.
enum SafeguardingCrossValidationText {
    static func run() throws {
        let started = ContinuousClock.now
        let validation = try SafeguardingCrossValidation()
        let elapsed = String(format: "%.0f", (ContinuousClock.now - started).milliseconds)
        printError("Kiểm định chéo xong trong \(elapsed) ms — cross-validation done in \(elapsed) ms")

        let all = validation.lexiconOnly()
        printNow(
            "Kiểm định chéo \(validation.folds) phần — \(validation.folds)-fold cross-validation:"
                + " n=\(all.count) disclosures=\(all.positives)")
        for kind in SafeguardingCrossValidation.Kind.allCases {
            let count = validation.lexiconOnly(kinds: [kind]).count
            printNow("  \(kind.rawValue): \(count)")
        }
        printNow("Chỉ từ điển — lexicon alone (certain findings): \(describe(all))")
        for threshold in [0.1, 0.3, 0.5] {
            printNow("Chỉ mô hình — model alone at \(threshold): \(describe(validation.modelOnly(threshold)))")
        }
        printNow("")
        printNow("model  confirm  recall  recall_theme  fa_hard  fa_on_topic  fa_everyday  expected_precision")
        for model in SafeguardingCrossValidation.modelGrid {
            for confirmation in SafeguardingCrossValidation.confirmationGrid where confirmation <= model {
                let thresholds = SafeguardingDetector.Thresholds(model: model, confirmation: confirmation)
                let recall = validation.score(thresholds, kinds: [.disclosure, .themeDisclosure]).recall
                let themeRecall = validation.score(thresholds, kinds: [.themeDisclosure]).recall
                let hard = validation.score(thresholds, kinds: [.hardNegative]).falseAlarmRate
                let onTopic = validation.score(thresholds, kinds: [.onTopic]).falseAlarmRate
                let everyday = validation.score(thresholds, kinds: [.everyday]).falseAlarmRate
                let mark = thresholds == .tuned ? "  ← tuned" : ""
                printNow(
                    String(
                        format: "%5.3f  %7.3f  %6.4f  %12.4f  %7.4f  %11.4f  %11.4f  %18.4f",
                        model, confirmation, recall, themeRecall, hard, onTopic, everyday,
                        validation.expectedPrecision(thresholds)) + mark)
            }
        }
        printNow("")
        let tuned = SafeguardingDetector.Thresholds.tuned
        let tunedScore = validation.score(tuned)
        printNow(
            "Ngưỡng đang dùng — tuned thresholds: model=\(tuned.model) confirmation=\(tuned.confirmation) "
                + describe(tunedScore) + String(format: " expected_precision=%.4f", validation.expectedPrecision(tuned)))
        printNow("Không dấu — every mark removed, tuned thresholds: " + describe(validation.scoreWithoutMarks(tuned)))
        if let chosen = validation.chosenThresholds() {
            let note = chosen == tuned ? "" : " — khác ngưỡng đang dùng, differs from the tuned thresholds"
            printNow(
                "Theo quy tắc — by the rule (max recall, expected precision ≥ \(SafeguardingCrossValidation.minimumExpectedPrecision)):"
                    + " model=\(chosen.model) confirmation=\(chosen.confirmation)" + note)
        }
        try kinds()
    }

    /// The kind of harm named on held disclosures whose heading gives it: the rules, then the
    /// kind model on what the rules leave unnamed, at each floor (`SafeguardingKindModel.floor`).
    private static func kinds() throws {
        let validation = try SafeguardingKindCrossValidation()
        let rules = validation.rules
        printNow("")
        printNow(
            "Loại tổn hại — kinds, \(validation.heldCount) held disclosures with a kind: the rules name"
                + " right=\(rules.right) wrong=\(rules.wrong) unnamed=\(rules.unnamed)"
                + String(format: " (right among named %.4f)", rules.precision))
        for floor in SafeguardingKindCrossValidation.floors {
            let model = validation.model(floor: floor)
            let mark = floor == SafeguardingKindModel.floor ? "  ← in use" : ""
            printNow(
                "  the model on the \(rules.unnamed) unnamed, floor \(floor): right=\(model.right) wrong=\(model.wrong)"
                    + " unnamed=\(model.unnamed)" + String(format: " (right among named %.4f)", model.precision) + mark)
        }
        if let chosen = validation.chosenFloor() {
            let note = chosen == SafeguardingKindModel.floor ? "" : " — khác ngưỡng đang dùng, differs from the floor in use"
            printNow("Theo quy tắc — kind floor by the rule (right as often as the rules): \(chosen)" + note)
        } else {
            printNow("Theo quy tắc — kind floor by the rule: none is right as often as the rules")
        }
    }

    private static func describe(_ score: SafeguardingScore) -> String {
        String(
            format: "recall=%.4f precision=%.4f tp=%d fp=%d fn=%d",
            score.recall, score.precision, score.truePositives, score.falsePositives, score.falseNegatives)
    }
}
