/// The safeguarding lexicon: phrases by cue, written from how children in Vietnam describe harm
/// (child-protection guidance on the signs of abuse, forced work and self-harm, and the way
/// pupils of grades 3–9 write), not from any evaluation file.
///
/// Phrases are matched on folded syllables, so writing them with marks costs nothing for children
/// who type without marks and keeps "còn" (still) from matching "con" (I, a child) for those who
/// do. "=" before a syllable means its marks are required: without marks it is mostly another,
/// harmless word (dí / đi, trói / trời, tát / tắt, xưởng / xuống), so a child who writes without
/// marks gives no evidence. Shorthand (e, ko, dc, bn) is written out before matching, so only
/// full words are listed.
enum DisclosurePhrases {
    static let all: [(cue: DisclosureCue, phrases: [String])] = people + harms + circumstances

    static let people: [(cue: DisclosureCue, phrases: [String])] = [
        (.writer, ["em", "con", "cháu", "mình", "=tôi", "tui", "tao", "=tớ"]),
        // After these, em / con / cháu is "my …" or part of a noun (bố em, trẻ em, các em).
        (
            .possessor,
            [
                "bố", "mẹ", "ba", "=má", "=mạ", "=bầm", "tía", "ông", "bà", "anh", "chị", "em", "=cô", "chú", "=dì", "bác",
                "cậu", "mợ", "thím", "dượng", "thầy", "bạn", "lớp", "trường", "xóm", "quê", "trẻ", "các", "những",
                "mấy", "nhiều", "gia đình", "họ hàng", "đàn", "lũ", "=đứa", "thằng", "con", "cháu", "hàng xóm", "tổ",
                "đội", "nhóm", "gái", "trai", "họ", "ruột", "kế", "nuôi", "riêng", "làng", "bản", "thôn", "xã", "phố",
                "ấp", "khu", "trên", "dưới", "cạnh",
            ]
        ),
        // em / con / cháu that is not the writer: a baby, children, a classifier before an animal.
        (
            .notWriter,
            [
                "em bé", "em nhỏ", "con nít", "con cái", "con người", "con số", "con đường", "con chó", "con mèo",
                "con gà", "con vịt", "con lợn", "con heo", "con bò", "con trâu", "con cá", "con chim", "con chuột",
                "con dao", "con sông", "con ong", "con muỗi", "con rắn", "cháu bé", "con mình", "con của", "con nhà",
            ]
        ),
        (
            .otherChild,
            [
                "bạn ấy", "bạn em", "bạn con", "bạn cháu", "bạn tôi", "bạn tui", "bạn thân", "bạn cùng lớp em",
                "bạn cùng bàn", "bạn ngồi cạnh", "bạn cùng phòng", "bạn tên", "em gái", "em trai", "anh trai", "chị gái",
                "em con", "em của con", "em của em", "em của cháu", "bé nhà", "cậu bạn", "cô bạn", "đứa bạn", "em ấy",
                "cô bé", "cậu bé", "thằng bé", "con bé", "bạn lớp em", "bạn lớp con", "bạn lớp cháu",
            ]
        ),
        // "nó": a child already named in the entry (bạn tên Ba … ba nó đánh nó hoài).
        (.childPronoun, ["nó"]),
        // The writer wants school and is kept from it (con muốn đi học mà ba bắt đi bán vé số).
        (.wantsSchool, ["muốn đi học", "muốn học", "muốn được đi học", "muốn đi học lại", "đi học không nổi", "nhớ trường"]),
        // "vì em …" after a question: the child explains their own situation.
        (
            .becauseOfMe,
            [
                "vì em bị", "vì con bị", "vì cháu bị", "vì mình bị", "tại em bị", "vì em đang bị", "vì em cũng bị",
                "vì con cũng bị", "vì chú em", "vì bố em", "vì mẹ em", "vì ba con", "vì má con",
            ]
        ),
        (.childNoun, ["bạn", "=bé"]),
        (
            .notName,
            [
                "trong", "cùng", "ở", "của", "khác", "nữ", "nam", "bè", "nào", "học", "mới", "cũ", "lớp", "ấy", "em", "con",
                "cháu", "bị", "hay", "đang", "thân", "trai", "gái", "nhỏ", "lớn", "đó", "này", "kia", "ơi", "và", "với",
                "thì", "là", "mà", "có", "không", "đã", "cũng", "sẽ", "phải", "rất", "thấy", "nói", "kể", "bảo",
            ]
        ),
        (
            .person,
            [
                "anh", "chị", "người", "ai", "họ", "ông", "bà", "chú", "=cô", "thầy", "bác", "=dì", "cậu", "mợ", "thím",
                "bố", "mẹ", "ba", "=má", "dượng", "các", "những", "mấy", "tụi", "bọn", "=đứa", "thằng", "con bé", "nó",
                "trẻ", "học sinh", "con nít", "trẻ con", "em nhỏ", "em bé", "người ta", "kẻ",
            ]
        ),
        // Before "bạn" or "bé": nobody in particular (các bạn, có bạn, kết bạn, em bé).
        (
            .quantifier,
            [
                "các", "những", "nhiều", "mấy", "một số", "vài", "mọi", "tất cả", "có", "một", "người", "làm",
                "kết", "là", "với", "em", "tụi", "bọn", "chúng", "lũ", "hai", "bốn", "1", "2", "3", "4", "5", "6", "7", "8",
                "9", "10", "khi", "nếu", "thì", "trẻ",
            ]
        ),
        (.householdVictim, ["mẹ", "=má", "=mạ", "bà"]),
        (
            .familyAgent,
            [
                "bố", "mẹ", "ba", "=má", "=mạ", "cha", "dượng", "bố dượng", "mẹ kế", "dì ghẻ", "bố nuôi", "mẹ nuôi",
                "ông", "bà", "ông nội", "bà nội", "ông ngoại", "bà ngoại", "anh trai", "chú", "bác", "=cô", "=dì", "cậu",
                "thầy", "cô giáo", "người yêu của mẹ",
            ]
        ),
        (.passive, ["bị", "phải"]),
        // Between a verb and its object: đánh vào đầu em, tát cả em.
        (
            .bridge,
            [
                "vào", "cả", "luôn", "lên", "tụi", "bọn", "của", "ảnh của", "hình của", "clip của", "đầu", "mặt", "tay", "chân", "lưng", "bụng",
                "người", "mông", "miệng",
                "đùi", "ngực", "tai", "cổ",
            ]
        ),
        // After these, the em that went before is the subject of a new clause, not the object of
        // the verb before it: "… rồi tống tiền, cháu thấy sợ lắm".
        (
            .clauseStart,
            [
                "thấy", "nghĩ", "mong", "thích", "xin", "đề nghị", "kiến nghị", "hy vọng", "ước", "hỏi", "nghe", "biết",
                "lo", "cảm thấy", "thương",
            ]
        ),
        // Just before a harm word, these deny it: không đánh, chưa bao giờ bị, đừng quay clip.
        (.stop, ["đừng", "xin đừng", "đừng có"]),
        (
            .vocative,
            [
                "bố ơi", "mẹ ơi", "ba ơi", "má ơi", "=mạ ơi", "bố mẹ ơi", "ba má ơi", "ông ơi", "bà ơi", "ông bà ơi",
                "cô ơi", "thầy ơi", "dì ơi", "chú ơi", "bác ơi", "anh ơi", "chị ơi",
            ]
        ),
        (.again, ["nữa"]),
        (
            .adverb,
            [
                "hay", "lại", "=cứ", "thường", "thường xuyên", "toàn", "đã", "vẫn", "còn", "cũng", "luôn", "đang", "mới",
                "vừa", "suốt", "ngày nào cũng", "tối nào cũng", "lúc nào cũng", "hôm nay", "hôm qua", "tối qua", "say rượu",
                "uống rượu", "nhậu", "say", "về", "về nhà", "là",
            ]
        ),
        (
            .negation,
            [
                "không", "chưa", "chẳng", "chả", "bao giờ", "không được", "không hề", "không có ai", "không ai",
                "không bị", "chưa bị", "chẳng bị", "bao giờ bị", "không còn bị", "không phải", "không phải đi",
                "chưa phải",
            ]
        ),
    ]

    static let harms: [(cue: DisclosureCue, phrases: [String])] = [
        (
            .violence,
            [
                "đánh", "đánh đập", "đánh hội đồng", "=đập", "đập đầu", "=đấm", "đấm vào", "=đá", "đá vào bụng",
                "đá vào người", "đá vào lưng", "đá vào mặt", "đá em", "đá con", "hay đá", "=tát", "tát vào", "tát tai",
                "=quất", "quất roi", "đòn roi", "đánh đòn", "ăn đòn", "trận đòn", "chảy máu", "điếu thuốc", "=dí", "=đâm",
                "đè ra", "kéo ra", "cầm dao", "đuổi đánh", "=chém",
                "giết", "đánh chết", "=trói", "=xích", "xích chân", "bóp cổ", "túm tóc", "giật tóc", "véo", "=cấu",
                "xô ngã", "xô xuống", "đẩy ngã", "bạo hành", "hành hạ", "ngược đãi", "bạo lực", "bắt quỳ", "=quỳ",
                "đập phá", "làm đau", "bắt em đứng", "bắt con đứng", "bắt cháu đứng", "phạt đứng", "đứng ngoài nắng",
                "suýt ngất",
            ]
        ),
        // Marks on a body: whoever has them is the one harmed (bạn ấy có vết roi trên chân).
        (
            .injurySign,
            [
                "vết roi", "vết bầm", "bầm tím", "thâm tím", "vết thương", "vết bỏng", "vết đánh", "vết lằn", "=sẹo",
            ]
        ),
        (
            .weapon,
            [
                "bằng roi", "roi mây", "roi tre", "dây nịt", "thắt lưng", "=cán =chổi", "bằng chổi", "móc áo",
                "thước sắt", "bằng gậy", "bằng dép", "bằng cây",
            ]
        ),
        (
            .sexualAbuse,
            [
                "=sờ", "sờ mó", "cởi quần áo", "sờ soạng", "sờ vào", "sờ người", "sờ đùi", "sờ ngực", "=mó", "xâm hại", "quấy rối",
                "làm chuyện xấu", "chuyện xấu", "cởi quần", "cởi áo", "cởi đồ", "nhìn em thay đồ", "ngủ chung",
                "phim người lớn", "chỗ kín", "vùng kín", "ảnh nóng", "khỏa thân", "không mặc áo", "ôm hôn", "ép hôn",
                "ôm ép", "ngồi lên đùi", "vào phòng em", "vào phòng con", "vào phòng cháu", "vào phòng tắm",
                "gọi em vào", "gọi em sang", "gọi em ấy sang", "gọi sang nhà", "rủ em sang nhà", "hiếp", "=cưỡng", "cưỡng bức", "cưỡng hiếp", "dâm ô",
                "làm với em", "làm vậy với em",
                "làm thế với em", "làm với con", "làm với cháu", "xin hình", "xin ảnh", "đòi hình", "ảnh riêng tư",
                "ảnh nhạy cảm", "hình nhạy cảm", "clip nhạy cảm", "video nhạy cảm", "ảnh đồi trụy", "ghép mặt",
                "ảnh thân thể", "ảnh cơ thể", "gọi video cởi", "rờ mó", "sàm sỡ", "ép quan hệ", "bắt quan hệ",
            ]
        ),
        // Serious threats and extortion: flag on their own.
        (
            .threat,
            [
                "dọa giết", "dọa đánh", "dọa chém", "dọa tung", "dọa đăng", "dọa phát tán", "dọa bán", "dọa đuổi",
                "dọa em", "dọa con", "dọa cháu", "đe dọa em", "đe dọa con", "đe dọa cháu", "tống tiền", "đòi tiền",
                "trấn lột", "lấy tiền của em", "lấy tiền ăn", "bắt em đưa", "bắt con đưa", "phải đưa", "bắt đưa",
                "bắt em chuyển", "tung ảnh", "tung clip", "đăng ảnh em", "đăng ảnh của em", "đăng hình em",
                "phát tán", "bắt gửi ảnh", "đòi ảnh", "gửi thêm ảnh", "=chặn em", "=chặn con", "chặn đường",
                "chặn ở", "bắt cóc", "đưa em đi", "bắt em đi", "=bán em", "=bán con", "=bán cháu", "bán em đi", "bán con đi", "hẹn gặp",
                "đi theo em", "biết nhà em", "xử em", "xử con", "bị quay clip", "quay clip em", "quay clip con", "quay lén", "chụp lén",
                "giữ lại", "lừa lên", "lừa đi", "dẫn đi", "dẫn vào", "kéo lên xe", "bắt lên xe", "lôi đi", "dọa nếu",
                "dọa là", "dọa sẽ", "không đưa thì", "thì đăng lên", "sẽ đăng lên", "sẽ gửi cho cả",
                "dọa gửi", "dọa kể", "dọa công khai", "đòi video", "đòi clip", "gửi thêm video", "đòi gặp riêng",
            ]
        ),
        (.receivedThreat, ["nhận được tin nhắn dọa", "tin nhắn dọa", "tin nhắn đe dọa", "nhắn tin dọa", "nhận được lời dọa"]),
        // Frightening but often harmless (a prank, a scare): only with the model's agreement.
        (.scare, ["dọa", "đe dọa", "hăm dọa", "đăng ảnh", "đăng hình", "quay clip"]),
        (
            .forcedWork,
            [
                "bắt đi bán", "phải đi phụ", "phải đi bán", "bắt phụ", "phải làm thêm", "phụ bán", "bắt nghỉ học",
                "bắt em nghỉ", "bắt con nghỉ", "bắt cháu nghỉ", "nghỉ học đi", "nghỉ học để",
                "nghỉ học từ", "nghỉ học hơn", "nghỉ học ở nhà", "bỏ học", "bắt đi làm", "ép đi làm", "phải đi làm",
                "bắt em đi làm", "bắt con đi", "bắt em bán", "bắt con bán", "bắt em làm", "bắt con làm",
                "bắt cháu làm", "làm thuê", "bán vé số", "bán hàng rong", "ăn xin", "xin tiền", "lò gạch",
                "làm ở =xưởng", "làm ở một =xưởng", "ở một =xưởng", "làm =xưởng", "làm trong =xưởng", "chủ =xưởng", "phụ hồ", "bắt làm việc",
                "phải làm việc",
                "không cho đi học", "không được đi học", "không cho em đi học", "không cho con đi học",
                "không được đến trường", "không cho đến trường", "lấy chồng", "=gả", "ép cưới", "giữ giấy tờ",
                "không trả tiền", "không trả lương", "không cho về", "chưa được về", "không được về", "tàu cá",
                "làm giúp việc", "đi giúp việc", "tiếp khách", "cạo mủ", "bốc hàng", "làm hết việc", "chăn bò",
                "bốc vác", "đào vàng", "làm không lương", "giữ căn cước", "trừ nợ", "bán kẹo", "lò than", "hút cát",
                "chăn trâu",
            ]
        ),
        (
            .neglect,
            [
                "bỏ đói", "không cho ăn", "đuổi ra khỏi nhà",
                "đuổi khỏi nhà", "bỏ mặc", "bỏ rơi", "nhốt", "bị nhốt", "bỏ đi đâu", "khóa cửa không cho",
                "không cho ra ngoài", "khóa trong phòng", "khóa em", "bị khóa", "không cho chúng em ra",
            ]
        ),
        (
            .deprivation,
            [
                "nhịn đói", "không có gì ăn", "không được ăn", "đói đến", "ngủ ngoài", "ăn đồ thừa", "không ai chăm",
                "không ai nấu", "không có ai nấu", "không còn gì ăn", "chưa được ăn", "chưa ăn gì",
                "hết gạo", "không có cơm", "không có gì để ăn", "không ai đưa đi khám", "không đưa đi khám",
                "không cho đi khám", "không cho đi bệnh viện", "chưa ai đưa đi",
            ]
        ),
        (
            .bullying,
            [
                "bắt nạt", "bắt lạt", "cô lập", "tẩy chay", "ném rác", "xé vở", "lột giày", "làm nhục", "sỉ nhục",
                "bắt đứng", "bắt ngồi", "bắt chui", "bắt uống", "bắt hút", "bắt chở", "bắt mua", "bắt làm bài",
                "bắt cởi", "ăn hiếp",
            ]
        ),
        // Words that hurt, often online or in a game: only with the model's agreement.
        (.insult, ["chửi", "mắng chửi", "lăng mạ", "xúc phạm", "đồ ngu", "đồ nghèo", "nói xấu"]),
        // Danger where the child is: evidence for the model only (see `DisclosureCue.danger`).
        (
            .danger,
            [
                "sắp sập", "sắp đổ", "bị sập", "đang sập", "nứt toác", "nứt to", "nứt một đường", "đang nghiêng",
                "nước lũ", "lũ cuốn", "lũ quét", "nước lên", "nước dâng", "nước ngập", "ngập tới", "nước tràn",
                "sạt lở", "bị sạt", "lở đất", "đất lở", "đá lăn", "đang cháy", "bị cháy", "cháy lan", "lửa lan",
                "khói nhiều", "mùi gas", "rò gas", "xì gas", "dây điện đứt", "dây điện rơi", "điện giật", "tóe lửa",
                "chập điện", "đi lạc", "bị lạc", "bị kẹt", "mắc kẹt", "đuối nước", "bị chìm", "cầu gãy", "cầu sập",
                "đứt cáp", "cầu treo", "cầu khỉ", "hết pin", "quả bom", "bom mìn",
            ]
        ),
        (
            .selfHarm,
            [
                "không muốn sống", "chẳng muốn sống", "không thiết sống", "hết muốn sống", "chán sống", "muốn chết",
                "muốn tự tử", "tự tử", "tự sát", "=tự =vẫn", "cắt tay", "rạch tay", "vết cắt", "tự làm đau",
                "tự làm hại", "làm đau mình", "làm đau bản thân", "nhảy cầu", "nhảy lầu", "nhảy sông", "chưa dám nhảy",
                "nghĩ đến chuyện uống thuốc", "uống thuốc để không", "uống hết thuốc",
                "không muốn tồn tại", "không còn muốn tồn tại", "không nên tồn tại", "không nên sống", "muốn biến mất",
                "sống không có ý nghĩa", "thư từ biệt", "thư tuyệt mệnh", "không phải thức dậy",
                "không muốn thức dậy", "ngủ luôn không dậy", "nghĩ đến cái chết", "nghĩ đến chuyện chết",
                "chết cho xong", "chết đi cho", "nếu em chết", "nếu con chết", "nếu cháu chết", "nếu mình chết",
                "kết thúc cuộc đời", "kết liễu", "không muốn sống nữa",
                "uống hết vỉ", "uống cả vỉ", "uống hết lọ", "uống thuốc chuột", "rạch đùi", "rạch cổ tay", "cứa tay",
                "cào tay", "tự đốt", "thắt cổ", "treo cổ", "cách chết", "tạm biệt thế giới", "biến khỏi thế giới",
                "không bao giờ tỉnh", "không muốn tỉnh", "nên chết đi", "không sống nữa", "chết đi thì",
            ]
        ),
        (.plea, ["cứu em", "cứu con", "cứu cháu", "cứu mình", "cứu tôi", "cứu tui", "xin cứu"]),
        // Asking for help, as children also do about potholes: only with the model's agreement.
        (
            .mildPlea,
            [
                "giúp em với", "giúp con với", "giúp cháu với", "làm ơn giúp", "xin giúp em", "giúp em được không",
                "giúp con được không", "giúp cháu được không",
            ]
        ),
        // Words that look like a guard but are not one: "sau khi bị" tells what happened, not "if".
        (.notGuard, ["sau khi bị", "từ khi bị", "từ lúc bị", "sau khi"]),
        // Veiled disclosures strong enough alone: fear of home, hidden wounds, a message to anyone.
        (
            .fearOfHome,
            [
                "nhà em không an toàn", "nhà con không an toàn", "ở nhà không an toàn", "sợ về nhà",
                "không muốn về nhà", "không dám về nhà", "che vết", "không phải do ngã", "ai đó đọc được",
                "đưa em đi khỏi nhà", "đón em ra khỏi nhà", "sợ cửa phòng", "cần gặp cô tư vấn gấp", "chỉ dám viết",
                "không biết ai giúp được", "muốn nói với cô một chuyện", "đừng nói với bố", "đừng nói với mẹ",
                "đừng nói với ba", "đừng nói với má", "đừng kể với bố", "đừng kể với mẹ", "bí mật của hai người",
                "sẽ tan nát", "tan nát", "nên em chịu đựng", "em phải chịu đựng", "không muốn ở đây nữa", "không muốn ở nhà nữa", "bố mẹ có bị bắt",
                "báo công an thì bố", "mặc áo dài tay để che",
            ]
        ),
        (
            .veiled,
            [
                "không an toàn", "không dám về", "bí mật", "không tin em", "không tin con", "nói riêng",
                "chuyện riêng", "gặp riêng", "đang gặp chuyện", "người đó", "người trong nhà", "chịu đựng",
                "không chịu nổi", "không chịu được", "hết chịu nổi", "chịu hết nổi", "ra khỏi nhà", "bỏ nhà",
                "đi khỏi nhà", "làm em sợ", "làm con sợ", "làm hại", "đến nhà em xem", "không dám kể", "không dám nói",
                "không dám mách", "chuyện ở nhà", "truyện ở nhà", "gấp",
            ]
        ),
        // Idioms and harmless senses; a harm, self-harm or plea phrase overlapping one is ignored.
        (
            .harmless,
            [
                "đánh răng", "đánh cầu", "đánh cờ", "đánh bài", "đánh bại", "đánh giá", "đánh dấu", "đánh thức",
                "đánh máy", "đánh rơi", "đánh vỡ", "đánh bóng", "đánh cá", "đánh bắt", "đánh trống", "đánh đàn",
                "đánh vần", "đánh số", "đánh giày", "đánh nhau", "=đạp xe", "đá bóng", "bóng đá", "đá banh", "đá cầu",
                "đá gà", "không dám", "xích chó", "xích lại", "xích đu", "gãy xích", "tuột xích", "xúc xích", "đứt tay",
                "cắt tay khi", "nóng muốn chết", "sợ muốn chết", "mệt muốn chết", "lạnh muốn chết", "đói muốn chết",
                "chết đói", "chết cười", "chết đuối", "buồn cười", "muốn biến mất khỏi", "ngày xưa bị đánh",
                "phòng chống xâm hại", "phòng chống bạo lực", "chống bạo lực", "bạo lực học đường", "nói không với",
                "lừa đảo", "làm việc nhà", "sơ cứu", "cấp cứu", "cứu hộ", "cứu hỏa", "cứu đuối", "cứu sinh",
                "cứu thương", "đi từ từ", "chạy từ từ", "từ từ thôi", "lái từ từ", "=từ =từ", "biệt danh", "danh hiệu",
                "danh sách", "danh dự", "danh tiếng", "danh bạ", "điểm danh", "ẩn danh", "danh tính", "công danh",
                "dành cho", "dành thời gian", "để dành", "dành dụm", "dành tiền", "dành riêng",
                "chết đi được", "chán muốn chết", "cười muốn chết", "buồn ngủ muốn chết", "lo muốn chết",
                "run muốn chết", "hồi hộp muốn chết", "bắn chết", "giết quái", "giết boss", "đánh boss", "đánh quái",
                "chém gió", "tát nước", "nước đá", "trà đá", "đá bào", "đánh trận giả", "đánh gối",
            ]
        ),
    ]

    static let circumstances: [(cue: DisclosureCue, phrases: [String])] = [
        (
            .present,
            [
                "đang", "vẫn", "hoài", "suốt", "mỗi ngày", "hằng ngày", "hàng ngày", "ngày nào", "tối nào", "đêm nào",
                "tuần nào", "sáng nào", "chiều nào", "hôm nào", "lần nào", "mỗi tối", "mỗi sáng", "mỗi chiều",
                "mỗi đêm", "mỗi tuần", "mỗi khi", "mỗi lần", "thường xuyên", "lại bị", "nữa rồi", "tối qua", "hôm qua",
                "đêm qua", "hôm nay", "sáng nay", "chiều nay", "tối nay", "mấy hôm nay", "mấy ngày nay",
                "mấy tuần nay", "mấy tháng nay", "dạo này", "gần đây", "từ đầu năm", "đến giờ", "đến bây giờ",
                "cả năm nay", "tuần này", "tháng này", "vẫn còn", "còn đau", "gần như", "toàn bị", "=cứ", "nhiều lần",
                "lần thứ", "lần nữa", "ngày nay",
            ]
        ),
        (
            .distress,
            [
                "sợ lắm", "rất sợ", "sợ quá", "phải làm sao", "làm sao bây giờ", "không biết làm sao",
                "không biết nói với ai", "không biết kể với ai", "không biết gọi ai", "không biết báo ai",
                "không biết đi đâu", "không dám nói", "không dám kể", "không dám mách", "khóc", "đau lắm", "cứu",
                "giúp em", "giúp con", "giúp cháu", "không chịu nổi", "hết chịu nổi", "chịu hết nổi", "nếu không đưa",
                "không thì", "nếu kể", "nếu mách", "nếu em kể", "nếu con kể", "nếu em không", "bảo nếu", "nói nếu",
                "dọa nếu", "nếu không",
            ]
        ),
        (
            .past,
            [
                "hồi lớp", "hồi nhỏ", "hồi trước", "hồi xưa", "năm ngoái", "năm trước", "năm lớp", "trước đây",
                "trước kia", "ngày xưa", "ngày trước", "=từng", "đã từng", "từng bị",
            ]
        ),
        (
            .resolved,
            [
                "đã xử lý", "được xử lý", "xử lý rồi", "đã xin lỗi", "xin lỗi em rồi", "không còn nữa", "không còn bị",
                "không còn đánh", "không làm thế nữa", "không làm vậy nữa", "không đánh nữa", "đi học lại",
                "quay lại trường", "bây giờ đã", "giờ đã", "may mà", "may là", "may có", "được cứu", "đã can",
                "nhắc nhở", "làm lành", "từ đó không", "giờ không còn", "bây giờ không còn",
            ]
        ),
        (
            .hypothetical,
            [
                "nếu", "giả sử", "giá như", "khi bị", "khi gặp", "làm sao để", "làm thế nào", "có nên", "nên làm gì",
                "nên báo", "thì sao", "có phải", "thế nào là", "như thế nào", "sau này", "lớn lên", "ước mơ", "mơ ước",
                "lo lắng", "có được", "bao nhiêu tuổi", "mấy tuổi", "không ạ", "thì có", "không nên",
                "nên có", "nên được", "=hãy", "cần phải", "vì sao", "tại sao", "sợ bị", "lo bị",
                "theo em", "theo cháu", "theo con", "theo ý kiến", "theo chúng em", "theo mình", "theo tôi",
            ]
        ),
        (
            .general,
            [
                "trẻ em", "học sinh", "các bạn", "những bạn", "nhiều bạn", "mọi người", "người lớn", "các em",
                "phụ huynh", "quyền", "một số", "ở tỉnh", "tỉnh khác", "nơi khác", "vùng cao",
            ]
        ),
        (
            .news,
            [
                "=báo", "đọc báo", "trên báo", "báo chí", "tivi", "ti vi", "thời sự", "phim", "phóng sự", "truyện",
                "nghe nói", "nghe kể", "kể lại", "tin tức", "đưa tin", "video", "thống kê", "câu chuyện", "trend",
                "tiktok", "xem phải",
            ]
        ),
        (
            .recommendation,
            [
                "mong", "đề nghị", "kiến nghị", "đề xuất", "sáng kiến", "nên có", "ước", "chúng em sẽ", "nhóm em",
            ]
        ),
    ]
}
