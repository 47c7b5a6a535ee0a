import Testing
@testable import Aggregator

@Suite("Scrubbing contact and ID details from text that leaves")
struct PersonalDataScrubberTests {
    @Test(arguments: [
        ("Bác gọi cho mẹ cháu số 0912 345 678 nhé", "Bác gọi cho mẹ cháu số [SĐT] nhé"),
        ("sdt cua em 0987.654.321 a", "sdt cua em [SĐT] a"),
        ("gọi +84 912 345 678 giúp em", "gọi [SĐT] giúp em"),
        ("email em la be.na2012@gmail.com nha", "email em la [email] nha"),
        ("CCCD của bố: 001203004567.", "CCCD của bố: [CCCD]."),
        ("Lớp em có 35 bạn, 12 bạn chưa biết bơi", "Lớp em có 35 bạn, 12 bạn chưa biết bơi"),
        ("Năm 2023 có 3 vụ đuối nước", "Năm 2023 có 3 vụ đuối nước"),
        ("gọi 111 khi bị bạo lực", "gọi 111 khi bị bạo lực"),
    ])
    func scrubs(_ input: String, _ expected: String) {
        #expect(PersonalDataScrubber.scrub(input) == expected)
    }
}
