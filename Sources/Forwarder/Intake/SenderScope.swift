import Foundation
import Storage
import Summary

/// What a sender may speak for: itself and the units registered below it here (`senders add CODE
/// --units …`), and the wards those units lie in as this instance's school registry records them.
/// A summary naming any other unit — in a tally, an issue's schools or origin, an included unit or
/// the answered share — is refused whole: a unit below is believed only about itself, so a school
/// cannot add entries, words or answers in another school's name. (`inactiveSchools` is not
/// checked: a school whose registry lists the whole district names the others there, and the
/// roll-up reads that list only for the sender's own tallied schools.)
struct SenderScope: Sendable {
    var sender: String
    var units: Set<String>
    var wards: Set<String>

    /// The tally key a summary uses for entries whose school has no ward on record.
    static let unknownWard = "unknown"

    init(sender: RegisteredSender, schools: [School]) {
        self.sender = sender.code
        var units: Set<String> = [sender.code]
        for unit in sender.units { units.insert(School.canonicalCode(unit)) }
        self.units = units
        // Ward names are matched as written (registries are imported from the same lists); a
        // ward registered as a unit of its own counts too.
        var wards: Set<String> = [Self.unknownWard]
        for school in schools where units.contains(school.code) { wards.insert(school.ward) }
        wards.formUnion(sender.units)
        self.wards = wards
    }

    /// Every place the summary names a unit outside the scope, as a problem line for the sender.
    func problems(in summary: Summary) -> [String] {
        var problems: [String] = []
        func check(_ unit: String, _ place: String) {
            guard !units.contains(School.canonicalCode(unit)) else { return }
            problems.append("\(place) names «\(unit.prefix(60))», which is not \(sender) or a unit registered below it")
        }
        for school in (summary.tallies["school"] ?? [:]).keys.sorted() { check(school, "tallies.school") }
        for ward in (summary.tallies["ward"] ?? [:]).keys.sorted() where !wards.contains(ward) {
            problems.append(
                "tallies.ward names «\(ward.prefix(60))», which is not the ward of \(sender) or of a unit "
                    + "registered below it in this instance's school registry")
        }
        for issue in summary.issues {
            for school in issue.schools { check(school, "issue \(issue.id.prefix(40)) schools") }
            check(issue.origin, "issue \(issue.id.prefix(40)) origin")
        }
        for included in summary.includes { check(included.unit, "includes") }
        for school in (summary.answers?.school ?? [:]).keys.sorted() { check(school, "answers.school") }
        for unit in (summary.events?.unit ?? [:]).keys.sorted() { check(unit, "events.unit") }
        for unit in (summary.events?.evidence ?? [:]).keys.sorted() { check(unit, "events.evidence") }
        // One line per unit and place is enough for a person to fix it.
        var seen: Set<String> = []
        return problems.filter { seen.insert($0).inserted }.prefix(50).map { $0 }
    }
}
