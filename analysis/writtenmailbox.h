#pragma once

#include "model/mailaddress.h"

#include <QList>
#include <QStringView>

#include <optional>
#include <utility>

namespace th::analysis {

/// Mailboxes as quoted headers write them, which is looser than RFC 5322: "Name <a@b>", "'Name' <a@b>",
/// "Last, First <a@b>", "Name [mailto:a@b]", "a@b<mailto:a@b>", "(<a@b>)", "<a@b>", "a@b", or a bare name
/// (the address empty: what B4 looks for). HTML entities left by converted bodies are decoded first.
class WrittenMailbox
{
public:
    /// One mailbox. A bracketed address wins over a bare one, so "x@y [mailto:z@w]" keeps the display name
    /// "x@y" apart from the real address; the name is what stands before that bracket, which also copes
    /// with the nested "<a@b <mailto:a@b>>" of rewrapped quotes.
    [[nodiscard]] static model::MailAddress parse(QStringView written);
    /// A To or Cc list: Outlook and Yahoo separate with ';' and keep "Last, First" whole; others use ','.
    [[nodiscard]] static QList<model::MailAddress> parseList(QStringView value);
    /// "X on behalf of Y" (Outlook, localised), "X が Y の代理で送信" (Japanese Outlook), "X 代表 Y发送":
    /// the delegate X who sent and the mailbox owner Y that the quoted From names.
    [[nodiscard]] static std::optional<std::pair<QString, QString>> delegation(QStringView from);

private:
    [[nodiscard]] static model::MailAddress parseUncached(QStringView written);
};

} // namespace th::analysis
