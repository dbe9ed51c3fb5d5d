#include "sourcefile.h"

namespace th::model {

QString toString(SourceFormat format)
{
    switch (format) {
    case SourceFormat::Eml: return QStringLiteral("eml");
    case SourceFormat::Mbox: return QStringLiteral("mbox");
    case SourceFormat::MaildirMessage: return QStringLiteral("maildir");
    case SourceFormat::Pst: return QStringLiteral("pst");
    case SourceFormat::OutlookMsg: return QStringLiteral("msg");
    }
    return {};
}

} // namespace th::model
