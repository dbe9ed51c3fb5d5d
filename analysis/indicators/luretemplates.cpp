#include "luretemplates.h"

#include "lureprofile.h"

#include "analysis/shingles.h"

#include <QRegularExpression>

#include <algorithm>

namespace th::analysis {
namespace {

QSet<int> threadsOf(const CaseData &data, const QList<int> &members)
{
    QSet<int> out;
    for (int m : members)
        out.insert(data.threads.threadOfMessage.value(m, -1));
    return out;
}

QSet<QString> sendersOf(const CaseData &data, const QList<int> &members)
{
    QSet<QString> out;
    for (int m : members)
        out.insert(data.messages[size_t(m)].from.address.toLower());
    return out;
}

// Messages of one sender within an hour of each other, in three or more threads.
QList<int> burst(const CaseData &data, QList<int> members)
{
    std::sort(members.begin(), members.end(), [&data](int a, int b) { return data.messages[size_t(a)].date < data.messages[size_t(b)].date; });
    for (int i = 0; i < members.size(); ++i) {
        QList<int> window;
        for (int j = i; j < members.size() && data.messages[size_t(members[i])].date.secsTo(data.messages[size_t(members[j])].date) <= LureTemplates::BurstSeconds; ++j)
            window << members[j];
        if (threadsOf(data, window).size() >= LureTemplates::BurstThreads)
            return window;
    }
    return {};
}

void addTemplateFindings(const CaseData &data, const QList<int> &members, QList<MessageAnalysis> &analyses)
{
    const int threads = int(threadsOf(data, members).size());
    const int senders = int(sendersOf(data, members).size());
    if (threads < 2 || senders < 2)
        return;
    for (int m : members) {
        analyses[m].findings << Finding{QStringLiteral("D2"), Finding::Severity::Medium,
                                        QStringLiteral("The same lure text appears in %1 messages of %2 threads from %3 senders").arg(members.size()).arg(threads).arg(senders),
                                        {}};
    }
}

void addBurstFindings(const CaseData &data, const QList<int> &members, QList<MessageAnalysis> &analyses)
{
    const QList<int> window = burst(data, members);
    for (int m : window) {
        analyses[m].findings << Finding{QStringLiteral("E"), Finding::Severity::Strong,
                                        QStringLiteral("%1 pushed lures into %2 of its threads within an hour: a compromised mailbox working through its conversations")
                                            .arg(data.messages[size_t(m)].from.address).arg(threadsOf(data, window).size()),
                                        {}};
    }
}

// Some waves sign the template off ("gracias", "merci"), and where no quote is recognised the key runs on
// into the stolen text: a key counts under the shortest other key, of MinTemplateWords or more, that its
// words start with.
QHash<QString, QString> templatesOf(const QList<MessageAnalysis> &analyses)
{
    QSet<QString> keys;
    for (const MessageAnalysis &a : analyses)
        keys.insert(a.lureKey);
    QHash<QString, QString> out;
    for (const QString &key : std::as_const(keys)) {
        QString shortest = key;
        for (qsizetype at = 0, words = 0; (at = key.indexOf(u' ', at + 1)) > 0;) {
            if (++words >= LureTemplates::MinTemplateWords && keys.contains(key.first(at))) {
                shortest = key.first(at);
                break;
            }
        }
        out.insert(key, shortest);
    }
    return out;
}

} // namespace

QString LureTemplates::key(QStringView newText, const std::function<bool(const QString &)> &isNameWord)
{
    static const QRegularExpression filled(QStringLiteral("(?:https?://|www\\.)\\S+|\\S+@\\S+|[\\w-]+\\.[A-Za-z0-9]{2,4}\\b"),
                                           QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression password(QStringLiteral("(") + LureProfile::passwordLabel() + QStringLiteral(")\\W{0,3}\\s*\\S+"),
                                             QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    const QString text = newText.toString().replace(password, QStringLiteral("\\1 ")).replace(filled, QStringLiteral(" "));
    QStringList words;
    for (const Shingles::Word &w : Shingles::words(text)) {
        const bool number = std::any_of(w.text.cbegin(), w.text.cend(), [](QChar c) { return c.isDigit(); });
        if (w.text.size() > 2 && !number && !isNameWord(w.text))
            words << w.text;
    }
    return words.size() >= 3 ? words.join(u' ') : QString();
}

void LureTemplates::apply(const CaseData &data, QList<MessageAnalysis> &analyses)
{
    const QHash<QString, QString> templates = templatesOf(analyses);
    QHash<QString, QList<int>> byKey;
    QHash<QString, QList<int>> bySender;
    for (int i = 0; i < analyses.size(); ++i) {
        if (analyses[i].lureKey.isEmpty())
            continue;
        // People answering in their own conversations share stock phrases ("please see the attached
        // report"); a template pushed by several senders comes from outside the conversations it enters.
        if (!analyses[i].senderInConversation)
            byKey[templates.value(analyses[i].lureKey)] << i;
        bySender[data.messages[size_t(i)].from.address.toLower()] << i;
    }
    for (const QList<int> &members : std::as_const(byKey))
        addTemplateFindings(data, members, analyses);
    for (const QList<int> &members : std::as_const(bySender))
        addBurstFindings(data, members, analyses);
}

} // namespace th::analysis
