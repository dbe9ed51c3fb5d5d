#pragma once

#include "recordtablemodel.h"
#include "sourcefile.h"

namespace th::model {

/// The evidence files of the case with their SHA-256 and what was read from them (chain of custody).
class SourceListModel : public RecordTableModel<SourceFile>
{
    Q_OBJECT
public:
    enum Column { PathColumn, FormatColumn, SizeColumn, MessagesColumn, Sha256Column, StatusColumn };
    enum Roles { FailedRole = Qt::UserRole + 1 }; ///< bool

    using RecordTableModel::RecordTableModel;

protected:
    QStringList columnTitles() const override;
    QVariant display(const SourceFile &s, int column) const override;
    QVariant roleData(const SourceFile &s, int role) const override;
};

} // namespace th::model
