import Analysis
import Answers
import Forms
import Foundation
import Storage
import Summary

/// Where each target stands today: value, percentage, the pace needed against the pace of the
/// last 30 and 90 days, and the date the goal is reached at the 90-day pace.
struct TargetProgress {
    let targets: CampaignTargets
    let now: Date

    func statuses(
        cells: [TallyCell: Summary.Count], schools: [String: School], recent: [String: (all: Int, lowerSecondary: Int)],
        below: [Summary], registeredSchools: Int, activeThisYear: Int,
        answers: Summary.AnswerTally = Summary.AnswerTally(), activeSchoolsThisYear: Set<String> = [], eventChildren: Int = 0
    ) -> [Summary.TargetStatus] {
        let startMonth = String(targets.start.prefix(7))
        let today = LocalCalendar.day(of: now)
        return targets.targets.map { target in
            var status = Summary.TargetStatus(
                id: target.id, label: target.label.vi, metric: target.metric.rawValue,
                goal: target.goal, deadline: target.deadline)
            switch target.metric {
            case .consultations, .lowerSecondaryConsultations, .children:
                let lower = target.metric == .lowerSecondaryConsultations
                var current = 0
                for (cell, count) in cells where cell.month >= startMonth {
                    if !lower || Self.isLowerSecondary(cell, schools) { current += count.consultations }
                }
                for summary in below {
                    let fromBelow = summary.targets?.first { $0.metric == target.metric.rawValue }?.current
                    current += Int(fromBelow ?? (lower ? 0 : Double(summary.totals.consultations)))
                }
                // Children present at forums and dialogues count towards the children taking part.
                if target.metric == .children { current += eventChildren }
                let last30 = added(in: 30, recent, lower: lower)
                let last90 = added(in: 90, recent, lower: lower)
                fillCount(&status, current: Double(current), last30: last30, last90: last90, today: today)
                if target.metric == .children {
                    status.note = [status.note, "Gồm lượt trẻ được lấy ý kiến (ý kiến nhóm tính mỗi bạn một lần) và \(eventChildren) trẻ dự "
                                   + "diễn đàn, đối thoại, sinh hoạt đã ghi nhận; một em dự nhiều hoạt động được tính mỗi lần "
                                   + "— consultations plus children present at recorded events"]
                        .compactMap { $0 }.joined(separator: ". ")
                }
            case .activeWardShare:
                let registered = schools.values.filter(\.active)
                let wards = Set(registered.map(\.ward))
                guard !wards.isEmpty else {
                    status.note = "Chưa có trường nào trong danh sách — no schools registered"
                    break
                }
                let active = Set(registered.filter { activeSchoolsThisYear.contains($0.code) }.map(\.ward))
                let share = 100 * Double(active.count) / Double(wards.count)
                status.current = share
                status.percent = 100 * share / target.goal
                status.onTrack = share >= target.goal
                status.note = "\(active.count)/\(wards.count) phường, xã có trường hoạt động trong năm học này — wards with an active school"
            case .opinionsPerUnit:
                let registered = schools.values.filter(\.active)
                guard !registered.isEmpty, let needed = target.perUnit else {
                    status.note = "Chưa có trường nào trong danh sách — no schools registered"
                    break
                }
                var entries: [String: Int] = [:]
                for (cell, count) in cells where cell.month >= startMonth { entries[cell.school, default: 0] += count.entries }
                let reached = registered.filter { (entries[$0.code] ?? 0) >= needed }.count
                let share = 100 * Double(reached) / Double(registered.count)
                status.current = share
                status.percent = 100 * share / target.goal
                status.onTrack = share >= target.goal ? true : (today > target.deadline ? false : nil)
                status.note = "\(reached)/\(registered.count) trường có ít nhất \(needed) ý kiến — schools with at least \(needed) entries"
            case .activeSchoolShare:
                guard registeredSchools > 0 else {
                    status.note = "Chưa có trường nào trong danh sách — no schools registered"
                    break
                }
                let share = 100 * Double(activeThisYear) / Double(registeredSchools)
                status.current = share
                status.percent = 100 * share / target.goal
                status.onTrack = share >= target.goal
                status.note = "\(activeThisYear)/\(registeredSchools) trường trong năm học này — schools this school year"
            case .answeredShare:
                // This unit's own questions and recommendations plus those the units below reported.
                guard let share = answers.share else {
                    status.note = "Chưa có câu hỏi, kiến nghị nào — no questions or recommendations yet"
                    break
                }
                status.current = share
                status.percent = 100 * share / target.goal
                status.onTrack = share >= target.goal
                status.note =
                    "\(answers.answered)/\(answers.asked) câu hỏi, kiến nghị đã được trả lời "
                    + "— questions and recommendations answered"
            }
            return status
        }
    }

    private func fillCount(_ status: inout Summary.TargetStatus, current: Double, last30: Double, last90: Double, today: String) {
        status.current = current
        status.percent = 100 * current / status.goal
        status.pacePerDayLast30 = last30 / 30
        status.pacePerDayLast90 = last90 / 90
        let remaining = max(0, status.goal - current)
        let daysLeft = LocalCalendar.days(from: today, to: status.deadline)
        status.pacePerDayNeeded = remaining == 0 ? 0 : remaining / Double(max(1, daysLeft))
        if remaining == 0 {
            status.onTrack = true
            status.note = "Đã đạt — reached"
        } else if last90 > 0 {
            let daysNeeded = (remaining / (last90 / 90)).rounded(.up)
            // Compared as days, not as date strings: at a trickle the projection runs past the year
            // 9999, and "14347-04-07" sorts before "2027-08-31".
            status.onTrack = daysNeeded <= Double(daysLeft)
            if daysNeeded <= 36_500 {
                status.projectedDate = LocalCalendar.day(of: now.addingTimeInterval(daysNeeded * 86_400))
            } else {
                status.note = "Với nhịp hiện nay chưa thể dự kiến ngày đạt — at this pace no date can be projected"
            }
        } else {
            status.onTrack = false
            status.note = "Không có lượt mới trong 90 ngày qua — nothing new in the last 90 days"
        }
    }

    private func added(in days: Int, _ recent: [String: (all: Int, lowerSecondary: Int)], lower: Bool) -> Double {
        let since = LocalCalendar.day(of: now.addingTimeInterval(-Double(days - 1) * 86_400))
        return Double(
            recent.filter { $0.key >= since && $0.key >= targets.start }
                .reduce(0) { $0 + (lower ? $1.value.lowerSecondary : $1.value.all) })
    }

    static func isLowerSecondary(_ cell: TallyCell, _ schools: [String: School]) -> Bool {
        schools[cell.school]?.level == .lowerSecondary || (6...9).contains(cell.grade)
    }
}
