#include "sourcelistmodel.h"

#include <QLocale>

namespace th::model {

QStringList SourceListModel::columnTitles() const
{
    return {tr("File"), tr("Format"), tr("Size"), tr("Messages"), tr("SHA-256"), tr("Status")};
}

QVariant SourceListModel::display(const SourceFile &s, int column) const
{
    switch (column) {
    case PathColumn: return s.path;
    case FormatColumn: return toString(s.format);
    case SizeColumn: return QLocale().formattedDataSize(s.size);
    case MessagesColumn: return s.messageCount;
    case Sha256Column: return QString::fromLatin1(s.sha256);
    case StatusColumn: return s.failed() ? s.error : s.warnings.isEmpty() ? tr("read") : tr("read; %1").arg(s.warnings.join(QStringLiteral("; ")));
    default: return {};
    }
}

QVariant SourceListModel::roleData(const SourceFile &s, int role) const
{
    return role == FailedRole ? QVariant(s.failed()) : QVariant();
}

} // namespace th::model
