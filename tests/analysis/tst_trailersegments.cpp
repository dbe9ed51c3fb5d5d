// The trailers of the sender's own text (detection-spec 2.1): "-- " delimited signatures, sign-offs and
// confidentiality disclaimers, found at the right depth and offsets in the reply-parser fixtures and on real
// list replies, and ordinary prose that must stay text. tst_quotesegmenter has the quote structure.
#include "segmentfixture.h"

#include "analysis/quotesegmenter.h"
#include "analysis/signaturefinder.h"

#include <QTest>

using namespace th;
using analysis::BodyStructure;
using analysis::QuoteSegmenter;
using analysis::Segment;

class TestTrailerSegments : public QObject
{
    Q_OBJECT

private slots:
    void signatureFixtures_data();
    void signatureFixtures();
    void signatureBelowAHostileRunOfLines();
    void delimitedSignaturesOnLists();
    void signOffsOnLists();
    void disclaimers_data();
    void disclaimers();
    void everyNoticeWordOpensTheSearch_data();
    void everyNoticeWordOpensTheSearch();
    void everyAsciiSignOffIsRead_data();
    void everyAsciiSignOffIsRead();
    void proseIsNotATrailer_data();
    void proseIsNotATrailer();
};

// The sender's signatures (depth 0), normalized.
QStringList ownSignatures(const BodyStructure &b)
{
    QStringList found;
    for (const Segment &s : b.segments) {
        if (s.kind == Kind::Signature && s.depth == 0)
            found << normalizedText(segmentText(b, s));
    }
    return found;
}

// Signatures in the reply-parser fixtures: "-- " delimited (github correct_sig, email_1_8, bullets;
// talon sparrow) and sign-offs (talon signature fixtures: stripped/short_url, P/unicode_msg).
void TestTrailerSegments::signatureFixtures_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QString>("signature"); ///< the expected signature text, normalized; empty: none
    QTest::newRow("github correct_sig") << "quote-parsing/github_email_reply_parser/emails/correct_sig.txt" << "-- \nrick";
    QTest::newRow("github -- mid line") << "quote-parsing/github_email_reply_parser/emails/email_sig_delimiter_in_middle_of_line.txt" << "";
    QTest::newRow("github sent from my desk") << "quote-parsing/github_email_reply_parser/emails/email_sent_from_my_not_signature.txt" << "";
    // Signatures below the quote (bottom posting): the sender's own, at depth 0.
    QTest::newRow("github 1_8 below inline replies") << "quote-parsing/github_email_reply_parser/emails/email_1_8.txt" << "--\nHey there, this is my signature";
    QTest::newRow("github bullets below quote") << "quote-parsing/github_email_reply_parser/emails/email_bullets.txt"
                                                << "--\n\n*Joe Smith | Director, Product Management*";
    QTest::newRow("talon sparrow") << "quote-parsing/mailgun_talon/fixtures/standard_replies/sparrow.eml"
                                   << "--\nxxx\nSent with Sparrow (http://www.sparrowmailapp.com/?sig)";
    QTest::newRow("talon short_url") << "quote-parsing/mailgun_talon/fixtures/signature/emails/stripped/short_url_body" << "Thank you,\nNoam";
    QTest::newRow("talon unicode_msg") << "quote-parsing/mailgun_talon/fixtures/signature/emails/P/unicode_msg"
                                       << QString::fromUtf8("С уважением,\nСергей Обухов");
    QTest::newRow("talon camel_case") << "quote-parsing/mailgun_talon/fixtures/signature/emails/stripped/camel_case_body" << "";
    QTest::newRow("discourse usenet") << "quote-parsing/discourse_email_reply_trimmer/emails/usenet.txt"
                                      << QString::fromUtf8("--\nMit lieben Grüßen\n\nJohn Doe\nhttp://blog.john.doe\nwww.facebook.com/johndoe\nMobil:   +12 345 6789 012");
}

void TestTrailerSegments::signatureFixtures()
{
    QFETCH(QString, sample);
    QFETCH(QString, signature);
    const BodyStructure b = sample.endsWith(u".eml") ? structureOfFile(sample) : QuoteSegmenter::segment(readText(sample));
    QVERIFY2(structureViolation(b).isEmpty(), qPrintable(structureViolation(b)));
    QStringList found = ownSignatures(b);
    if (signature.isEmpty()) {
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'|')));
        return;
    }
    QVERIFY2(found.size() == 1, qPrintable(QStringLiteral("signatures found: %1\n").arg(found.size()) + dump(b)));
    QCOMPARE(found.first().replace(QStringLiteral("-- \n"), QStringLiteral("--\n")), normalizedText(signature).replace(QStringLiteral("-- \n"), QStringLiteral("--\n")));
}

// A fixture under 100,000 lines of text: past the segmenter's line cap, all of it is the last segment, of
// which the signature finder reads the last lines only (its list stays bounded). The signature is found as in
// the fixture alone.
void TestTrailerSegments::signatureBelowAHostileRunOfLines()
{
    const QString fixture = readText(QStringLiteral("quote-parsing/github_email_reply_parser/emails/correct_sig.txt"));
    const BodyStructure b = QuoteSegmenter::segment(QStringLiteral("x\n").repeated(100000) + fixture);
    QVERIFY2(structureViolation(b).isEmpty(), qPrintable(structureViolation(b)));
    QCOMPARE(ownSignatures(b), QStringList{QStringLiteral("--\nrick")});
}

// "-- " delimited signatures in the sender's own text on the lists (kernel mail: the git version
// under patches, names under replies), wherever the sender put them: in a message without quotes,
// above the quotes (top posting) or below them (bottom posting).
void TestTrailerSegments::delimitedSignaturesOnLists()
{
    Corpora &c = Corpora::instance();
    QHash<QString, int> expected, right;
    QHash<QString, QStringList> misses;
    for (const auto &[path, loc] : c.listMessages()) {
        const BodyStructure &b = c.structure(path, loc);
        const QList<TextLine> lines = linesOf(b.text);
        // The last "-- " line at depth 0 with at most 8 unmarked non-blank lines after it and no quote.
        int delimiter = -1;
        for (int i = int(lines.size()) - 1; i >= 0; --i) {
            const QStringView line = QStringView(b.text).sliced(lines[i].begin, lines[i].end - lines[i].begin);
            if (marks(line) > 0 && !stripped(line).isEmpty())
                break;
            if (line.trimmed() == u"--") {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0)
            continue;
        int after = 0;
        for (int i = delimiter + 1; i < lines.size(); ++i)
            after += QStringView(b.text).sliced(lines[i].begin, lines[i].end - lines[i].begin).trimmed().isEmpty() ? 0 : 1;
        if (after == 0 || after > 8)
            continue;
        const qsizetype at = lines[delimiter].begin;
        if (at < b.newEnd && !b.history.isEmpty())
            continue; // a "-- " above the quotes is handled with the new text; counted below
        const QString where = b.history.isEmpty() ? QStringLiteral("no quote") : QStringLiteral("below the quote");
        ++expected[where];
        const Segment *s = segmentAt(b, at);
        if (s && s->kind == Kind::Signature && s->depth == 0) // at the delimiter, or at a sign-off just above it
            ++right[where];
        else
            misses[where] << path.section(u'/', -1) + u' ' + loc;
    }
    // Top posting: a "-- " signature in the new text above the quote.
    for (const auto &[path, loc] : c.listMessages()) {
        const BodyStructure &b = c.structure(path, loc);
        if (b.history.isEmpty())
            continue;
        const QList<TextLine> lines = linesOf(b.text.left(b.newEnd));
        int delimiter = -1;
        for (int i = int(lines.size()) - 1; i >= 0; --i) {
            if (QStringView(b.text).sliced(lines[i].begin, lines[i].end - lines[i].begin).trimmed() == u"--") {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0)
            continue;
        const QString where = QStringLiteral("above the quote");
        ++expected[where];
        const Segment *s = segmentAt(b, lines[delimiter].begin);
        if (s && s->kind == Kind::Signature && s->depth == 0 && s->begin == lines[delimiter].begin)
            ++right[where];
        else
            misses[where] << path.section(u'/', -1) + u' ' + loc;
    }
    for (const QString &w : {QStringLiteral("no quote"), QStringLiteral("above the quote"), QStringLiteral("below the quote")}) {
        qInfo("\"-- \" signatures %s: %d/%d found at the delimiter; e.g. missed %s", qPrintable(w), right.value(w), expected.value(w),
              qPrintable(misses.value(w).mid(0, 4).join(u", ")));
    }
    QVERIFY(expected.value(QStringLiteral("no quote")) > 500);
    for (const QString &w : {QStringLiteral("no quote"), QStringLiteral("above the quote"), QStringLiteral("below the quote")})
        // Below the quote, the misses are inline git patches whose own "-- " closes the mail.
        QVERIFY2(right.value(w) * 100 >= expected.value(w) * 97, qPrintable(w + QStringLiteral(": ") + misses.value(w).mid(0, 5).join(u", ")));
}

// Sign-offs ("Thanks,\nName", "Regards,\n...") closing the sender's own text on the lists: the
// signature starts at the sign-off line. And a Signature segment holds a sign-off and a few short
// lines, never a paragraph of the message.
void TestTrailerSegments::signOffsOnLists()
{
    Corpora &c = Corpora::instance();
    QHash<QString, int> expected, right;
    QHash<QString, QStringList> misses;
    int signatures = 0, signaturesWithProse = 0;
    QStringList prose;
    for (const auto &[path, loc] : c.listMessages()) {
        const BodyStructure &b = c.structure(path, loc);
        // Runs of depth-0 own text, each ended by a quote or the end of the body.
        for (int k = 0; k < b.segments.size(); ++k) {
            const Segment &s = b.segments[k];
            if (s.kind == Kind::Signature && s.depth == 0) {
                ++signatures;
                const QString text = segmentText(b, s);
                const QStringList lines = text.split(u'\n');
                const bool delimited = std::any_of(lines.cbegin(), lines.cend(), [](const QString &l) { return l.trimmed() == u"--"; }); // the writer marked it
                for (const QString &line : text.split(u'\n').mid(1)) {
                    // "a sign-off followed by a few short lines": a 12-word sentence is not a signature line
                    if (!delimited && line.simplified().count(u' ') >= 11) {
                        ++signaturesWithProse;
                        if (prose.size() < 10)
                            prose << path.section(u'/', -1) + u' ' + loc + QStringLiteral(": ") + text.left(120).replace(u'\n', QStringLiteral("\\n"));
                        break;
                    }
                }
            }
        }
        // Own text runs: maximal runs of depth-0 New/Signature/Disclaimer segments.
        qsizetype runBegin = -1, runEnd = -1;
        auto judge = [&](qsizetype from, qsizetype to) {
            if (from < 0)
                return;
            QList<QString> nonBlank;
            QList<qsizetype> starts;
            const QString run = b.text.mid(from, to - from);
            qsizetype at = from;
            for (const QString &line : run.split(u'\n')) {
                if (!line.trimmed().isEmpty() && marks(line) == 0) {
                    nonBlank << line.trimmed();
                    starts << at;
                }
                at += line.size() + 1;
            }
            // The sign-off is followed by 1-3 name lines (short, no sentence) and nothing else.
            for (int n = 1; n <= 3 && n < nonBlank.size(); ++n) {
                const int i = int(nonBlank.size()) - 1 - n;
                if (!signOffLine().match(nonBlank[i]).hasMatch())
                    continue;
                bool names = true;
                for (int j = i + 1; j < nonBlank.size(); ++j)
                    names = names && nonBlank[j].size() <= 40 && !nonBlank[j].endsWith(u'.') && !signOffLine().match(nonBlank[j]).hasMatch();
                if (!names)
                    break;
                QString form = nonBlank[i].toLower();
                while (!form.isEmpty() && !form.back().isLetter())
                    form.chop(1);
                const QString where = (from < b.newEnd || b.history.isEmpty()) ? QStringLiteral("above/no quote") : QStringLiteral("below the quote");
                ++expected[where];
                ++expected[form];
                const Segment *s = segmentAt(b, starts[i]);
                if (s && s->kind == Kind::Signature && s->begin == starts[i]) {
                    ++right[where];
                    ++right[form];
                } else {
                    misses[where] << path.section(u'/', -1) + u' ' + loc;
                    misses[form] << path.section(u'/', -1) + u' ' + loc;
                }
                break;
            }
        };
        for (const Segment &s : b.segments) {
            const bool own = s.depth == 0 && (s.kind == Kind::New || s.kind == Kind::Signature || s.kind == Kind::Disclaimer);
            if (own) {
                if (runBegin < 0)
                    runBegin = s.begin;
                runEnd = s.end;
            } else if (runBegin >= 0) {
                judge(runBegin, runEnd);
                runBegin = -1;
            }
        }
        judge(runBegin, runEnd);
    }
    QStringList forms;
    for (const QString &f : {QStringLiteral("thanks"), QStringLiteral("thank you"), QStringLiteral("regards"), QStringLiteral("best regards"),
                             QStringLiteral("kind regards"), QStringLiteral("cheers"), QStringLiteral("best"), QStringLiteral("best wishes"),
                             QStringLiteral("br"), QStringLiteral("many thanks"), QStringLiteral("sincerely")})
        forms << QStringLiteral("%1 %2/%3").arg(f).arg(right.value(f)).arg(expected.value(f));
    qInfo("sign-off signatures: above or without a quote %d/%d, below the quote %d/%d; by form: %s", right.value(QStringLiteral("above/no quote")),
          expected.value(QStringLiteral("above/no quote")), right.value(QStringLiteral("below the quote")), expected.value(QStringLiteral("below the quote")),
          qPrintable(forms.join(QStringLiteral(", "))));
    qInfo("  missed above/no quote e.g. %s", qPrintable(misses.value(QStringLiteral("above/no quote")).mid(0, 5).join(u", ")));
    qInfo("  missed below the quote e.g. %s", qPrintable(misses.value(QStringLiteral("below the quote")).mid(0, 5).join(u", ")));
    qInfo("Signature segments on the lists: %d, holding a sentence after the sign-off: %d", signatures, signaturesWithProse);
    for (const QString &p : prose)
        qInfo("  %s", qPrintable(p));
    const QString above = QStringLiteral("above/no quote"), below = QStringLiteral("below the quote");
    QVERIFY(expected.value(above) > 50);
    // Recall: "Best," and "Best wishes" are common closings the product does not list; 90% leaves room
    // for them, nothing else.
    QVERIFY2(right.value(above) * 100 >= expected.value(above) * 90, qPrintable(misses.value(above).mid(0, 8).join(u", ")));
    // Below the quote, a sign-off often closes an answer that more trimmed quote follows: that stays new text.
    QVERIFY2(right.value(below) * 100 >= expected.value(below) * 70, qPrintable(misses.value(below).mid(0, 8).join(u", ")));
    QVERIFY2(signaturesWithProse == 0, qPrintable(prose.join(u'\n')));
}

// Corporate confidentiality notices, found as Disclaimer segments at the right depth and offset.
void TestTrailerSegments::disclaimers_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QString>("starts");   ///< the disclaimer's first line (quote marks removed) starts with this
    QTest::addColumn<int>("depth");
    QTest::addColumn<QString>("keep");     ///< a line before it that must stay outside the disclaimer; empty: none
    QTest::addColumn<QString>("signature"); ///< a sign-off line that must start a Signature of the same depth; empty: none
    // Spanish public-health notice under a Portuguese lure, inside a fabricated Outlook quote.
    QTest::newRow("phishing_pot 5854 es, quoted") << "phishing_pot/eml/sample-5854.eml" << "________________________________" << 1
                                                  << QString::fromUtf8("Seu endereço de e-mail foi selecionado") << "Atenciosamente,";
    QTest::newRow("phishing_pot 19 en") << "phishing_pot/eml/sample-19.eml" << "CONFIDENTIALITY NOTICE:" << 0
                                        << "Reach Us via Telegram link" << "";
    // The notice follows the lure on the next line, without a blank line: the lure is not boilerplate.
    QTest::newRow("phishing_pot 4351 es, no blank line") << "phishing_pot/eml/sample-4351.eml" << "NOTA DE CONFIDENCIALIDAD:" << 0
                                                         << "Mr. Bernard has donated $3.5million to you" << "";
    QTest::newRow("usrp 406 Orolia") << "lists/usrp-users_2021-08_to_2021-09/000406_c541fbdd6b6c.eml" << "_____________________________________" << 0
                                     << "" << "";
    // Orolia's gateway appends the notice below the whole quoted chain of an Outlook reply, where it reads as
    // the innermost message's (Adam's first post, depth 2), and the next reply quotes it with '>' (depth 3).
    QTest::newRow("usrp 408 Orolia") << "lists/usrp-users_2021-08_to_2021-09/000408_2907859b2fcd.eml" << "_____________________________________" << 2
                                     << "" << "";
    QTest::newRow("usrp 409 Orolia, > quoted") << "lists/usrp-users_2021-08_to_2021-09/000409_c58efc7cb8e5.eml" << "_____________________________________" << 3
                                               << "" << "";
}

void TestTrailerSegments::disclaimers()
{
    QFETCH(QString, sample);
    QFETCH(QString, starts);
    QFETCH(int, depth);
    QFETCH(QString, keep);
    QFETCH(QString, signature);
    const BodyStructure b = structureOfFile(sample);
    QVERIFY2(structureViolation(b).isEmpty(), qPrintable(structureViolation(b)));
    const Segment *disclaimer = nullptr;
    for (const Segment &s : b.segments) {
        if (s.kind == Kind::Disclaimer && s.depth == depth && !disclaimer)
            disclaimer = &s;
    }
    QVERIFY2(disclaimer, qPrintable(dump(b)));
    QVERIFY2(stripped(b.lineAt(disclaimer->begin)).startsWith(starts), qPrintable(b.lineAt(disclaimer->begin)));
    QVERIFY(disclaimer->begin == 0 || b.text[disclaimer->begin - 1] == u'\n');
    // It runs to the end of its writer's text: nothing after it but blank lines or the next quote.
    const QString rest = b.text.mid(disclaimer->end);
    for (const Segment &s : b.segments) {
        if (s.begin >= disclaimer->end && s.depth == depth)
            QVERIFY2(s.kind != Kind::New && s.kind != Kind::Quoted, qPrintable(dump(b)));
    }
    if (!keep.isEmpty()) {
        const qsizetype at = b.text.indexOf(keep);
        QVERIFY(at >= 0);
        const Segment *s = segmentAt(b, at);
        QVERIFY2(s && s->kind == (depth ? Kind::Quoted : Kind::New), qPrintable(dump(b)));
    }
    if (!signature.isEmpty()) {
        const qsizetype at = b.text.indexOf(signature);
        QVERIFY(at >= 0);
        const Segment *s = segmentAt(b, at);
        QVERIFY2(s && s->kind == Kind::Signature && s->depth == depth && b.text.mid(s->begin, signature.size()) == signature, qPrintable(dump(b)));
        QVERIFY(s->end <= disclaimer->begin);
    }
}

// Ordinary prose with the words a trailer detector looks for ("confidential", "privileged",
// "Thanks") is the message, not a disclaimer or signature.
void TestTrailerSegments::proseIsNotATrailer_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QString>("line"); ///< a line of the sender's message
    QTest::newRow("phishing_pot 406 confidential client") << "phishing_pot/eml/sample-406.eml" << "I took my time to do my homework";
    QTest::newRow("phishing_pot 4204 CONFIDENTIALITY & transparency") << "phishing_pot/eml/sample-4204.eml" << "If interested ,please get back to me";
    QTest::newRow("phishing_pot 1900 less privileged") << "phishing_pot/eml/sample-1900.eml" << "Please note that this is solely a charity donation";
    QTest::newRow("phishing_pot 5095 less privileged") << "phishing_pot/eml/sample-5095.eml" << "help the motherless, less privileged";
    QTest::newRow("kselftest unprivileged user") << "lists/linux-kselftest_2023-03.maildir/cur/001171.8952cef03b99.pi:2,S"
                                                 << "reproduce w/o root privileges, as tests refuse to run as unprivileged user.";
    // A patch's last hunk: 174 lines of C without a blank line, one of them naming a PRIVILEGED operation.
    QTest::newRow("s390 patch, PRIVILEGED in code") << "lists/linux-s390_2023-02_to_2023-03.mbox#178"
                                                    << "report_info(\"Virtual machine level %ld\", stsi_get_fc());";
}

void TestTrailerSegments::proseIsNotATrailer()
{
    QFETCH(QString, sample);
    QFETCH(QString, line);
    const BodyStructure b = structureOfFile(sample);
    const qsizetype at = b.text.indexOf(line);
    QVERIFY2(at >= 0, qPrintable(b.text.left(300)));
    const Segment *s = segmentAt(b, at);
    QVERIFY2(s && s->kind == Kind::New, qPrintable(dump(b)));
}

// An ASCII paragraph reaches the notice regex only when it holds one of a few words: each phrase the regex
// knows, in any case and anywhere in the paragraph, must still make a disclaimer; the same paragraph without it not.
void TestTrailerSegments::everyNoticeWordOpensTheSearch_data()
{
    QTest::addColumn<QString>("phrase");
    for (const char *p : {"confidential", "INTENDED SOLELY FOR", "intended only for", "Intended for", "intended recipient", "privileged",
                          "If you received this", "if you have received this", "Vertraulich", "bestimmt", "confidentiel",
                          "destinataire", "Confidencial", "destinatario", "riservata", "destinatari", "vertrouwelijk",
                          "Konfidentiell", "fortrolig", "poufne", "Mailing List", "To Unsubscribe"})
        QTest::newRow(p) << QString::fromLatin1(p);
}

void TestTrailerSegments::everyNoticeWordOpensTheSearch()
{
    QFETCH(QString, phrase);
    const QString body = u"Please find the figures below.\n\n"_qs;
    const QString words = u"this message and any files sent with it are meant for the people named above and nobody else at all"_qs;
    for (const qsizetype at : {qsizetype(0), qsizetype(40), words.size()}) {
        const QString notice = words.left(at) + u' ' + phrase + u' ' + words.mid(at);
        const QString text = body + notice + u'\n';
        QCOMPARE(analysis::SignatureFinder::find(text, 0, text.size()).disclaimer, body.size());
    }
    const QString plain = body + words + u'\n';
    QCOMPARE(analysis::SignatureFinder::find(plain, 0, plain.size()).disclaimer, -1);
}

// ASCII lines reach the sign-off regex only when their first and last letters can open and close a sign-off:
// each sign-off it knows, written in ASCII and followed by punctuation, must still start the signature.
void TestTrailerSegments::everyAsciiSignOffIsRead_data()
{
    QTest::addColumn<QString>("signOff");
    for (const char *p : {"Regards,", "Best regards", "Kind regards.", "Warm wishes", "Many thanks!", "With thanks", "Thank you", "Cheers",
                          "Sincerely", "Yours", "BR", "Rgds", "Best", "Mit freundlichen Gruessen", "Viele Gruesse", "Gruesse", "MfG",
                          "LG", "Cordialement", "Bien a vous", "Salutations", "Saludos", "Un saludo", "Atentamente", "Atenciosamente",
                          "Abracos", "Cumprimentos", "Cordiali saluti", "Saluti", "Distinti saluti", "Met vriendelijke groet",
                          "Met vriendelijke groeten", "Groeten", "Med vanliga halsningar", "Halsningar", "Mvh", "Med venlig hilsen",
                          "Hilsen", "Pozdrawiam", "Z powazaniem"})
        QTest::newRow(p) << QString::fromLatin1(p);
}

void TestTrailerSegments::everyAsciiSignOffIsRead()
{
    QFETCH(QString, signOff);
    const QString body = u"Please find the figures below, as discussed on the call.\n\n"_qs;
    const QString text = body + signOff + u" \nJohn\n"_qs;
    QCOMPARE(analysis::SignatureFinder::find(text, 0, text.size()).signature, body.size());
}

QTEST_GUILESS_MAIN(TestTrailerSegments)
#include "tst_trailersegments.moc"
