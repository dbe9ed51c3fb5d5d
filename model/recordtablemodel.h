#pragma once

#include "displaytext.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace th::model {

/// Base of the flat, read-only tables (header fields, attachments, evidence files): one record per row.
/// Subclasses name their columns and say what each cell shows.
template <typename Record>
class RecordTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setRecords(QList<Record> records)
    {
        beginResetModel();
        m_records = std::move(records);
        endResetModel();
    }
    [[nodiscard]] const QList<Record> &records() const { return m_records; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_records.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(columnTitles().size()); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!index.isValid() || index.row() >= m_records.size())
            return {};
        const Record &r = m_records[index.row()];
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return DisplayText::shortened(display(r, index.column()));
        return roleData(r, role);
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        return columnTitles().value(section);
    }

protected:
    [[nodiscard]] virtual QStringList columnTitles() const = 0;
    [[nodiscard]] virtual QVariant display(const Record &record, int column) const = 0;
    [[nodiscard]] virtual QVariant roleData(const Record &, int) const { return {}; }

private:
    QList<Record> m_records;
};

} // namespace th::model
