import Analysis
import Events
import Forms
import Forwarder
import Foundation
import Hummingbird
import HummingbirdTesting
import Reports
import Storage
import Summary
import Testing
@testable import WebApp

/// Photos and documents as evidence of an event: type by content, a photo's location removed,
/// counted in the summary and the calendar, and only consented files taken by the level above.
@Suite("Events: evidence")
struct EvidenceTests {
    /// A JPEG as a phone writes it: JFIF, then EXIF with the orientation and a GPS position, an
    /// IPTC block and a comment, then tables, a frame and the scan. Only the segment structure
    /// matters to what is tested here, not whether the pixels decode.
    static func phoneJPEG(scan: [UInt8] = Array(repeating: 0x5A, count: 300), orientation: UInt8 = 6) -> Data {
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            let length = payload.count + 2
            return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        }
        let gps = Array("GPS 21.0285N 105.8542E nha em o ngo 5".utf8)
        // Little-endian TIFF: IFD0 with the orientation and a pointer to a GPS directory (0x8825).
        var tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x02, 0x00]
        tiff += [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, orientation, 0x00, 0x00, 0x00]
        tiff += [0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26, 0x00, 0x00, 0x00]
        tiff += [0x00, 0x00, 0x00, 0x00] + gps
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        bytes += segment(0xE1, Array("Exif".utf8) + [0, 0] + tiff)
        bytes += segment(0xED, Array("Photoshop 3.0 IPTC Nguyen Van A".utf8))
        bytes += segment(0xFE, Array("Chup o nha ban Lan".utf8))
        bytes += segment(0xDB, [0x00] + Array(repeating: 1, count: 64))
        bytes += segment(0xC0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0])
        bytes += segment(0xDA, [1, 1, 0, 0, 63, 0])
        bytes += scan + [0xFF, 0xD9]
        return Data(bytes)
    }

    static func png(text: String = "Location: Ha Noi") -> Data {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
        bytes += chunk("tEXt", Array(text.utf8))
        bytes += chunk("IDAT", [1, 2, 3, 4])
        bytes += chunk("IEND", [])
        return Data(bytes)
    }

    @Test func aPhotosLocationIsRemovedItsOrientationAndImageKept() throws {
        let original = Self.phoneJPEG()
        let checked = try EvidenceFile.check(original).get()
        #expect(checked.contentType == "image/jpeg" && checked.kind == .photo && checked.removedMetadata)
        let kept = String(decoding: checked.data, as: UTF8.self)
        #expect(!kept.contains("21.0285N") && !kept.contains("Nguyen Van A") && !kept.contains("nha ban Lan"))
        #expect(checked.data.count < original.count)
        // The image itself, byte for byte, and the orientation a phone set.
        #expect(checked.data.suffix(302) == original.suffix(302))
        let again = try EvidenceFile.check(checked.data).get()
        #expect(again.data == checked.data && !again.removedMetadata, "checking twice changes nothing: the receiver finds the same checksum")
        #expect(checked.data.range(of: Data([0xFF, 0xE1])) != nil, "an orientation of 6 is written back")
        #expect(try EvidenceFile.check(Self.phoneJPEG(orientation: 1)).get().data.range(of: Data("Exif".utf8)) == nil)
    }

    @Test func typeIsReadFromTheContentAndBadFilesAreRefused() throws {
        let png = try EvidenceFile.check(Self.png()).get()
        #expect(png.contentType == "image/png" && !String(decoding: png.data, as: UTF8.self).contains("Ha Noi"))
        let pdf = try EvidenceFile.check(Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8)).get()
        #expect(pdf.kind == .document && pdf.contentType == "application/pdf")
        // A text file named like a photo, an empty file, a truncated photo, one over 5 MB.
        #expect(EvidenceFile.check(Data("<script>alert(1)</script>".utf8)).failureValue == .unknownType)
        #expect(EvidenceFile.check(Data()).failureValue == .empty)
        if case .damaged = EvidenceFile.check(Self.phoneJPEG().prefix(60)).failureValue {} else { Issue.record("a truncated JPEG is refused") }
        let big = Data([0xFF, 0xD8, 0xFF]) + Data(count: EvidenceFile.maxBytes)
        #expect(EvidenceFile.check(big).failureValue == .tooLarge(bytes: big.count))
    }

    func upload(_ client: any TestClientProtocol, _ path: String, as token: String, file: Data, consent: Bool) async throws
        -> (HTTPResponse.Status, String)
    {
        let boundary = "ranh-gioi-anh"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anh.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        body += file
        body += Data("\r\n".utf8)
        if consent { body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\n1\r\n".utf8) }
        body += Data("--\(boundary)--\r\n".utf8)
        return try await client.execute(
            uri: path, method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(bytes: body)) { ($0.status, String(buffer: $0.body)) }
    }

    func recordForum(_ client: any TestClientProtocol, token: String) async throws -> String {
        let created = try await EventsTests().post(client, EventsTests.forum, token: token)
        #expect(created.0 == .created)
        return try #require(created.1?.objectValue?["id"]?.stringValue)
    }

    @Test func aSchoolAttachesPhotosOnItsEventPageAndTheSummaryCountsThem() async throws {
        let server = try TestServer()
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        let other = try server.staffToken("co-le-loi", role: .coordinator, school: "TH-LE-LOI")
        let viewer = try server.staffToken("xem", role: .viewer)
        let pages = StaffPagesTests()
        let photos = (0..<3).map { Self.phoneJPEG(scan: Array(repeating: UInt8($0 + 1), count: 200)) }
        let shas = try photos.map { try EvidenceFile.check($0).get().sha256 }
        try await server.test { client in
            let id = try await recordForum(client, token: coordinator)
            let path = "/staff/events/\(id)/evidence"
            // Two photos the school may share, one it may not, and a text file named .jpg.
            for (photo, consent) in zip(photos, [true, true, false]) {
                let stored = try await upload(client, path, as: coordinator, file: photo, consent: consent)
                #expect(stored.0 == .created, "\(stored.1.prefix(300))")
                #expect(stored.1.contains("Đã xoá thông tin vị trí"))
            }
            let again = try await upload(client, path, as: coordinator, file: Self.phoneJPEG(scan: Array(repeating: 1, count: 200)), consent: true)
            #expect(again.0 == .ok && again.1.contains("không thêm lần nữa"))
            let fake = try await upload(client, path, as: coordinator, file: Data("không phải ảnh".utf8), consent: true)
            #expect(fake.0 == .unprocessableContent)
            #expect(fake.1.contains("id=\"e-file\"") && fake.1.contains("xét theo nội dung tệp"))
            // Another school's coordinator cannot see or add to it; a viewer sees but cannot add.
            #expect(try await upload(client, path, as: other, file: Self.phoneJPEG(), consent: true).0 == .notFound)
            #expect(try await upload(client, path, as: viewer, file: Self.phoneJPEG(), consent: true).0 == .forbidden)
            let page = try await pages.get(client, "/staff/events/\(id)", as: viewer)
            #expect(page.0 == .ok && page.1.contains("data-photos=\"3\"") && page.1.components(separatedBy: "data-evidence=").count == 4)
            // The stored photo is served back without its GPS position.
            let served = try await client.execute(uri: "\(path)/\(shas[0])", method: .get, headers: [.authorization: "Bearer \(viewer)"]) {
                ($0.status, $0.headers[.contentType], Data($0.body.readableBytesView))
            }
            #expect(served.0 == .ok && served.1 == "image/jpeg" && EvidenceFile.sha256(served.2) == shas[0])
            #expect(!String(decoding: served.2, as: UTF8.self).contains("21.0285N"))
            #expect(try await pages.get(client, "\(path)/\(shas[0])", as: other).0 == .notFound)
            // Consent withdrawn from the first photo, then given back.
            #expect(try await pages.post(client, "\(path)/\(shas[0])/consent", as: coordinator, ["consent": "0"]).0 == .ok)
            #expect(try await pages.post(client, "\(path)/\(shas[0])/consent", as: coordinator, ["consent": "1"]).0 == .ok)
        }
        let summary = try await SummaryBuilder(database: server.environment.database, forms: server.environment.forms,
                                               targets: server.environment.targets, unit: "Q").build()
        let events = try #require(summary.events)
        #expect(events.unit["TH-AN-BINH"]?.photos == 3 && events.total.photos == 3)
        let refs = try #require(events.evidence?["TH-AN-BINH"])
        #expect(refs.map(\.sha256) == shas && refs.map(\.consent) == [true, true, false])
        // What may travel: only the consented two.
        let source = ConsentedEvidenceSource(database: server.environment.database, events: server.environment.events)
        #expect(Set(try await source.evidenceToSend().map(\.sha256)) == Set(shas.prefix(2)))
        #expect(try await source.evidenceBytes(sha256: shas[2]) == nil)
        #expect(try await server.environment.database.auditEntries(action: "event.evidence").count == 3)
    }

    @Test func theApiAttachesAFileAndRefusesOneThatIsNotAPhoto() async throws {
        let server = try TestServer()
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        try await server.test { client in
            let id = try await recordForum(client, token: coordinator)
            func attach(_ body: Data, consent: String = "true") async throws -> (HTTPResponse.Status, JSONValue?) {
                try await client.execute(uri: "/api/v1/events/\(id)/evidence?consent=\(consent)", method: .post,
                                         headers: [.authorization: "Bearer \(coordinator)", .contentType: "application/octet-stream"],
                                         body: ByteBuffer(bytes: body)) { ($0.status, try? JSONParser.parse(Data($0.body.readableBytesView))) }
            }
            let stored = try await attach(Self.png())
            #expect(stored.0 == .created && stored.1?.objectValue?["removedMetadata"] == .bool(true))
            #expect(try await attach(Self.png()).0 == .ok)
            #expect(try await attach(Data("GIF89a".utf8)).0 == .unsupportedMediaType)
            #expect(try await attach(Self.png(), consent: "co").0 == .unprocessableContent)
            let shown = try await client.execute(uri: "/api/v1/events/\(id)", method: .get, headers: [.authorization: "Bearer \(coordinator)"]) {
                try JSONParser.parse(Data($0.body.readableBytesView))
            }
            #expect(shown.objectValue?["evidence"]?.arrayValue?.count == 1)
        }
    }

    @Test func theCalendarsPhotoDeadlineCountsAttachedPhotos() async throws {
        let server = try TestServer()
        let eventID = try await server.environment.events.add(
            EventDraft(kind: "school_forum", unit: "TH-AN-BINH", heldOn: "2026-11-20", attendance: .init(girls: 5, boys: 5)),
            kinds: server.environment.eventKinds, actor: "co-an-binh").id
        let today = LocalCalendar.day(of: Date())
        let calendar = try CampaignTargets.parse(yaml: """
            start: 2026-01-01
            calendar:
              school_year: {start: 2025-09-01, end: 2999-08-31}
              deadlines:
                - {id: anh, label: Ba ảnh, level: school, what: photos, count: 3, from: 2000-09-01, due: 2999-05-25}
            targets: []
            """, file: "targets.yaml").calendar
        func state() async throws -> DeadlineTracker.State? {
            try await DeadlineTracker(database: server.environment.database, calendar: calendar).rows().first?.units
                .first { $0.unit == "TH-AN-BINH" }?.state
        }
        #expect(try await state() == .pending)
        for index in 0..<3 {
            _ = try await server.environment.events.attach(event: eventID, data: Self.phoneJPEG(scan: [UInt8(index), 9, 9]), consent: false,
                                                           actor: "co-an-binh")
        }
        #expect(try await state() == .onTime(day: today))
    }
}

@Suite("Events: roles on the event pages, and correcting an event")
struct EventPageRoleTests {
    /// The rows of docs/security.md for an event's evidence and its edit page, as each role.
    @Test func eachRoleAsTheSecurityTableSays() async throws {
        let world = try await StaffPagesTests.world()
        let events = world.server.environment.events
        let own = try await events.add(EventDraft(kind: "school_forum", unit: "TH-AN-BINH", heldOn: "2026-11-20", attendance: .init(girls: 3)),
                                       kinds: world.server.environment.eventKinds, actor: "admin")
        let other = try await events.add(EventDraft(kind: "school_forum", unit: "TH-LE-LOI", heldOn: "2026-11-20", attendance: .init(boys: 2)),
                                         kinds: world.server.environment.eventKinds, actor: "admin")
        var found: [String: String] = [:]
        for event in [own, other] {
            guard case let .stored(item, _) = try await events.attach(event: event.id, data: EvidenceTests.png(text: event.unit), consent: false,
                                                                       actor: "admin") else { throw CancellationError() }
            found[event.id] = item.sha256
        }
        let shas = found
        let ok = HTTPResponse.Status.ok, no = HTTPResponse.Status.forbidden, gone = HTTPResponse.Status.notFound
        let table: [(String, [String: HTTPResponse.Status])] = [
            ("/staff/events/\(own.id)/evidence/\(shas[own.id]!)", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": ok, "officer": ok]),
            ("/staff/events/\(other.id)/evidence/\(shas[other.id]!)", ["admin": ok, "responder": ok, "viewer": ok, "coordinator": gone, "officer": ok]),
            ("/staff/events/\(own.id)/edit", ["admin": ok, "responder": no, "viewer": no, "coordinator": ok, "officer": no]),
            ("/staff/events/\(other.id)/edit", ["admin": ok, "responder": no, "viewer": no, "coordinator": gone, "officer": no]),
        ]
        let pages = StaffPagesTests()
        try await world.server.test { client in
            for (path, expected) in table {
                for (role, status) in expected {
                    let answer = try await pages.get(client, path, as: world.tokens[role]!)
                    #expect(answer.0 == status, "\(role) \(path)")
                }
            }
            for role in ["responder", "viewer", "officer"] {
                let answer = try await pages.post(client, "/staff/events/\(own.id)/evidence/\(shas[own.id]!)/consent", as: world.tokens[role]!,
                                                  ["consent": "1"])
                #expect(answer.0 == .forbidden, "\(role)")
            }
            #expect(try await pages.post(client, "/staff/events/\(other.id)/evidence/\(shas[other.id]!)/consent", as: world.tokens["coordinator"]!,
                                         ["consent": "1"]).0 == .notFound)
        }
        let consented = try await events.consentedEvidence()
        #expect(consented.isEmpty, "no refused change gave consent")
    }

    @Test func aCoordinatorCorrectsTheirForumWithErrorsBesideTheFields() async throws {
        let server = try TestServer()
        let coordinator = try server.staffToken("co-an-binh", role: .coordinator, school: "TH-AN-BINH")
        let event = try await server.environment.events.add(
            EventDraft(kind: "school_forum", unit: "TH-AN-BINH", heldOn: "2026-11-20", place: "Sân trường", attendance: .init(girls: 40, boys: 38)),
            kinds: server.environment.eventKinds, actor: "co-an-binh")
        let pages = StaffPagesTests()
        try await server.test { client in
            let form = try await pages.get(client, "/staff/events/\(event.id)/edit", as: coordinator)
            #expect(form.0 == .ok && form.1.contains("value=\"Sân trường\"") && form.1.contains("value=\"40\""))
            let refused = try await pages.post(client, "/staff/events/\(event.id)/edit", as: coordinator,
                                               ["kind": "school_forum", "heldOn": "2026-11-20", "place": "Nhà văn hoá", "girls": "bốn mươi", "boys": "38"])
            #expect(refused.0 == .unprocessableContent && refused.1.contains("id=\"e-girls\"") && refused.1.contains("value=\"Nhà văn hoá\""))
            #expect(try await server.environment.events.event(id: event.id)?.place == "Sân trường", "nothing changed by a refused edit")
            let saved = try await pages.post(client, "/staff/events/\(event.id)/edit", as: coordinator,
                                             ["kind": "school_forum", "heldOn": "2026-11-21", "place": "Nhà văn hoá", "girls": "41", "boys": "38"])
            #expect(saved.0 == .ok && saved.1.contains("Đã lưu thay đổi"))
        }
        let updated = try #require(try await server.environment.events.event(id: event.id))
        #expect(updated.place == "Nhà văn hoá" && updated.heldOn == "2026-11-21" && updated.attendance.children == 79)
        let audited = try await server.environment.database.auditEntries(action: "event.edit")
        #expect(audited.first?.detail.contains("78 → 79") == true)
    }
}

extension Result {
    var failureValue: Failure? {
        if case let .failure(value) = self { return value }
        return nil
    }
}
