#!/usr/bin/env python3
"""Writes N synthetic children's entries straight into a TiengNoi database, for benchmarks only.

Entries are assembled from varied Vietnamese vocabulary (openings, topics, places, reasons, with
and without diacritics, children's abbreviations), spread over three school years and the demo
schools. Usage: synthetic_entries.py DB N [--start K] [--seed S]
"""
import argparse
import json
import random
import sqlite3
import unicodedata
import uuid
from datetime import datetime, timedelta, timezone

OPENINGS = ["Cháu mong", "Em đề nghị", "Chúng em kiến nghị", "Thưa bác, cháu muốn hỏi", "Nhóm em đề xuất",
            "Tụi con mong", "Em nghĩ là", "Lớp em sẽ", "Cháu xin hỏi", "Theo em", "Em thấy", "Bọn mình muốn",
            "Con kính mong", "Chi đội em sẽ", "Mình nghĩ", "Cho cháu hỏi"]
TOPICS = {
    "injury_accident": ["làm hàng rào quanh ao", "mở lớp dạy bơi miễn phí", "làm gờ giảm tốc trước cổng trường",
                        "lắp đèn giao thông ở ngã tư", "sửa dây điện thõng xuống", "nhắc các bạn đội mũ bảo hiểm",
                        "đậy nắp cống bị vỡ", "dạy sơ cứu khi bị bỏng", "xây lan can cao hơn", "cắm biển nước sâu"],
    "violence_abuse": ["đặt hộp thư báo bị bắt nạt", "có phòng tư vấn tâm lý", "không để thầy cô đánh học sinh",
                       "dạy kỹ năng phòng chống xâm hại", "xử lý các anh lớp trên trấn lột tiền", "dán số 111 ở cổng trường",
                       "giúp các bạn bị bố mẹ đánh", "có camera ở góc khuất sân trường"],
    "online_safety": ["giới hạn giờ chơi game", "chặn video bạo lực trên mạng", "xử lý nhóm chat lớp nói xấu bạn",
                      "dạy cách nhận biết lừa đảo nạp thẻ", "không cho người lạ kết bạn với trẻ em",
                      "giữ bí mật mật khẩu tài khoản", "cấm quảng cáo cờ bạc trong game"],
    "climate_disaster_epidemic": ["phun thuốc diệt muỗi", "trồng thêm cây xanh ở sân trường", "phân loại rác thải nhựa",
                                  "dạy kỹ năng khi có lũ lụt", "khơi thông cống rãnh chống ngập", "có nước sạch để rửa tay",
                                  "giảm khói bụi từ xe tải", "tiêm phòng sốt xuất huyết"],
    "child_labour": ["giúp các bạn bán vé số được đi học", "không bắt trẻ em làm thuê ở xưởng",
                     "hỗ trợ các bạn nhà nghèo không phải bỏ học", "kiểm tra quán ăn thuê trẻ em rửa bát",
                     "mở lớp học buổi tối cho các bạn bán hàng rong", "cấm bắt trẻ em làm ca đêm"],
    "other": ["có thêm sách ở thư viện", "bữa ăn bán trú ngon hơn", "giảm bài tập về nhà", "có sân chơi trong khu phố",
              "tổ chức giải bóng đá hè", "sửa nhà vệ sinh của trường", "có thêm câu lạc bộ vẽ"],
}
PLACES = ["ở xã em", "ở phường mình", "gần trường", "ở quê cháu", "trong xóm", "ở khu trọ", "ở thôn em", "cạnh chợ",
          "ở bản em", "ven sông", ""]
REASONS = ["vì các bạn nhỏ rất sợ", "vì năm ngoái có chuyện xảy ra rồi", "để trẻ em được an toàn", "vì nhiều bạn chưa biết",
           "cho cả trường cùng làm", "vì bố mẹ đi làm cả ngày", "để chúng em yên tâm học", "", ""]
SHORT = {"không": "ko", "được": "dc", "mình": "mk", "gì": "j", "mọi người": "mn", "với": "vs", "nhiều": "nhìu"}
SCHOOLS = ["TH-AN-BINH", "TH-BINH-MINH", "TH-CAU-TRE", "TH-DONG-XUAN", "TH-GIA-LAM", "TH-HOA-SEN", "TH-KIM-DONG",
           "TH-LE-LOI", "TH-MINH-KHAI", "TH-NGOC-HA", "THCS-AN-BINH", "THCS-BINH-MINH", "THCS-PHU-MY",
           "THCS-QUANG-TRUNG", "THCS-TAN-THANH", "THCS-THANH-XUAN", "THCS-VINH-PHUC", "NHA-HUU-NGHI"]
KINDS = ["question", "opinion", "recommendation", "initiative"]


def strip(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def entry(rng):
    theme = rng.choice(list(TOPICS))
    parts = [rng.choice(OPENINGS), rng.choice(TOPICS[theme]), rng.choice(PLACES), rng.choice(REASONS)]
    text = " ".join(p for p in parts if p)
    if rng.random() < 0.3:
        for long, short in SHORT.items():
            text = text.replace(long, short)
    if rng.random() < 0.25:
        text = strip(text).lower()
    return unicodedata.normalize("NFC", text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--days", type=int, default=1000, help="spread over this many days before now")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    db = sqlite3.connect(args.db)
    db.execute("PRAGMA synchronous = OFF")
    now = datetime.now(timezone.utc)
    rows = []
    for _ in range(args.count):
        text = entry(rng)
        grade = rng.randint(3, 9)
        gender = rng.choice(["nam", "nu"])
        kind = rng.choice(KINDS)
        school = rng.choice(SCHOOLS)
        participants = 1 if rng.random() < 0.8 else rng.randint(2, 12)
        answers = {"school": school, "kind": kind, "text": text, "grade": grade, "gender": gender,
                   "participants": participants}
        received = now - timedelta(seconds=rng.randint(0, args.days * 86400))
        rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), "dien-dan-tre-em", 1, "bench",
                     json.dumps(answers, ensure_ascii=False, sort_keys=True, separators=(",", ":")), school, grade,
                     None, gender, kind, None, participants, text, None,
                     received.strftime("%Y-%m-%dT%H:%M:%S.") + f"{received.microsecond // 1000:03d}Z", "import"))
        if len(rows) == 50_000:
            insert(db, rows)
            rows = []
    insert(db, rows)
    db.commit()


def insert(db, rows):
    db.executemany("""INSERT INTO submissions (id, form_id, form_version, content_hash, answers, school_code, grade, age,
                      gender, kind, chosen_theme, participants, voice, consent, received_at, source)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)


if __name__ == "__main__":
    main()
