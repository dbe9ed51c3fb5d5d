#pragma once

// What the quote segmentation tests (tst_quotesegmenter, tst_trailersegments) share: corpus access, the list
// messages parsed once, and helpers that describe a BodyStructure for assertions and failure messages.
#include "analysis/bodystructure.h"
#include "analysis/hijackanalyzer.h"
#include "analysis/quotedheader.h"
#include "model/mboxreader.h"
#include "model/message.h"
#include "model/mimeparser.h"

#include <QDir>
#include <QHash>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QString>

using Kind = th::analysis::Segment::Kind;

QString corpus(const QString &relative);
QByteArray readFile(const QString &path);
QString readText(const QString &relative);
// The structure the engine builds for a message: its text/plain body, else its HTML body as text. \a relative
// is a file, or an mbox and a message's index in it ("lists/x.mbox#12").
th::analysis::BodyStructure structureOfFile(const QString &relative);
struct TextLine {
    qsizetype begin = 0;
    qsizetype end = 0; ///< before '\n' (a '\r' before it stays in the line)
};
QList<TextLine> linesOf(const QString &text);
// '>' marks at the start of a line, spaces between them allowed ("> > >" is 3).
int marks(QStringView line);
// A line without its quote marks and surrounding white space.
QString stripped(QStringView line);
QString normalizedText(QString s);
// Also folds runs of blank lines: for comparing text pieced together from several segments.
QString foldedText(const QString &s);
QString segmentText(const th::analysis::BodyStructure &b, const th::analysis::Segment &s);
const char *kindName(Kind k);
// Every segment, one per line, for failure messages.
QString dump(const th::analysis::BodyStructure &b);
// The shape of a body: one token per run of segments, "N0" for the sender's text (signature and
// disclaimer included), "Qd" quoted content at depth d (a quoted signature is quoted content too),
// "Ad" attribution, "Hd" header block, "Sd" separator. Adjacent equal tokens merge.
QString shape(const th::analysis::BodyStructure &b);
// The segment containing offset \a at, or nullptr.
const th::analysis::Segment *segmentAt(const th::analysis::BodyStructure &b, qsizetype at);
// The sender's own text at depth 0 (new text, answers between quotes, signature, disclaimer).
QString ownTextWithTrailers(const th::analysis::BodyStructure &b);
// \a own without the sender's "--" signature, as discourse trims it.
QString withoutDelimitedSignature(const th::analysis::BodyStructure &b, const QString &own);
Kind headerKind(th::analysis::QuotedHeader::Style style);
bool hasSegment(const th::analysis::BodyStructure &b, Kind kind, qsizetype begin, qsizetype end);
// The structural contract of th::analysis::BodyStructure, on any body. Returns the first violation, or an empty string.
//  - segments are non-empty, in text order, do not overlap and stay inside the text;
//  - every line with content (other than quote marks) lies inside a segment;
//  - the sender's new text [0, newEnd) holds only depth-0 New/Signature/Disclaimer segments;
//  - New segments are depth 0; quoted content, attributions, header blocks and separators depth >= 1;
//  - quoted messages are in text order, newest (shallowest) first, each after its header, and each
//    header and separator is a segment of its kind at exactly the header's offsets and the message's depth;
//  - a Quoted segment in '>'-quoted content has quote marks on every line, but for the answers of the
//    writer of an Outlook-style quote around it (a header block over unmarked lines), at that quote's depth.
QString structureViolation(const th::analysis::BodyStructure &b);
QString bare(QString id);
// Sign-off lines people end their own text with, as seen in the list corpora (broader than the
// product's list on purpose: recall is measured against what people write).
const QRegularExpression &signOffLine();
QString percent(int n, int of);

// Messages of the real list corpora by location ("lists/x.mbox#12", "lists/usrp.../000005_x.eml",
// "notmuch/default/bar/new/22:2,"), parsed once.
// ---- the list corpora ---------------------------------------------------------------------------

class Corpora
{
public:
    static Corpora &instance()
    {
        static Corpora c;
        return c;
    }

    const th::model::Message &message(const QString &corpusPath, const QString &location)
    {
        const QString key = corpusPath + u'|' + location;
        auto it = m_messages.find(key);
        if (it != m_messages.end())
            return *it;
        th::model::Message m;
        if (location.startsWith(u'#') || location.contains(u'#')) {
            const int index = location.mid(location.lastIndexOf(u'#') + 1).toInt();
            const Mbox &box = mbox(corpusPath);
            if (index >= 0 && index < box.spans.size()) {
                const th::model::MboxReader::Span &s = box.spans[index];
                m = th::model::MimeParser::parse(th::model::MboxReader::unescape(QByteArrayView(box.data).sliced(s.offset, s.length)));
            }
        } else {
            m = th::model::MimeParser::parse(readFile(corpus(corpusPath + u'/' + location)));
        }
        return *m_messages.insert(key, std::move(m));
    }

    const th::analysis::BodyStructure &structure(const QString &corpusPath, const QString &location)
    {
        const QString key = corpusPath + u'|' + location;
        auto it = m_structures.find(key);
        if (it == m_structures.end())
            it = m_structures.insert(key, th::analysis::HijackAnalyzer::structureOf(message(corpusPath, location)));
        return *it;
    }

    // Every message of the three list sets, as (corpus path, location).
    QList<QPair<QString, QString>> listMessages()
    {
        QList<QPair<QString, QString>> out;
        const QString s390 = QStringLiteral("lists/linux-s390_2023-02_to_2023-03.mbox");
        for (int i = 0; i < mbox(s390).spans.size(); ++i)
            out << qMakePair(s390, QStringLiteral("#%1").arg(i));
        for (const QString &dir : {QStringLiteral("lists/linux-kselftest_2023-03.maildir/cur"), QStringLiteral("lists/usrp-users_2021-08_to_2021-09")}) {
            for (const QString &f : QDir(corpus(dir)).entryList(QDir::Files, QDir::Name))
                out << qMakePair(dir, f);
        }
        return out;
    }

private:
    struct Mbox {
        QByteArray data;
        QList<th::model::MboxReader::Span> spans;
    };

    const Mbox &mbox(const QString &corpusPath)
    {
        auto it = m_mboxes.find(corpusPath);
        if (it == m_mboxes.end()) {
            Mbox b;
            b.data = readFile(corpus(corpusPath));
            b.spans = th::model::MboxReader::split(b.data);
            it = m_mboxes.insert(corpusPath, b);
        }
        return *it;
    }

    QHash<QString, Mbox> m_mboxes;
    QHash<QString, th::model::Message> m_messages;
    QHash<QString, th::analysis::BodyStructure> m_structures;
};
// Offsets and line numbers of every quoted header found are consistent with the text: whole lines, in
// order, not overlapping (QTest checks; the calling test fails on the first).
void checkHeaderSpans(const QString &text, const QList<th::analysis::QuotedHeader> &found);
