package dev.tidemark.migration.internal.lint.rules;

import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.parse.AlterAction;
import dev.tidemark.migration.internal.lint.parse.ColumnDef;

/** A serial or identity column added to a table fills every existing row: a rewrite under ACCESS EXCLUSIVE. */
final class AddSerialOrIdentity extends BaseRule {

    AddSerialOrIdentity() {
        super("add-serial-or-identity-existing", LintSeverity.ERROR,
                "`ADD COLUMN` of a `smallserial/serial/bigserial` or `GENERATED … AS IDENTITY` column on a pre-existing "
                        + "table (rewrite)");
    }

    @Override
    public void check(StatementCheck check) {
        onPreExistingTable(check, (alter, action) -> {
            if (action instanceof AlterAction.AddColumn add && (add.column().type().isSerial() || add.column().identity())) {
                ColumnDef column = add.column();
                String t = alter.table().written();
                String sequence = alter.table().name() + "_" + column.name() + "_seq";
                String type = column.type().base().equals("bigserial") || column.type().base().equals("bigint") ? "bigint"
                        : column.type().base().equals("smallserial") ? "smallint" : "integer";
                check.report(this, "Adding " + column.writtenName() + " " + column.type().written()
                        + (column.identity() ? " GENERATED AS IDENTITY" : "") + " to " + alter.table()
                        + " numbers every existing row: PostgreSQL rewrites the table under an ACCESS EXCLUSIVE lock",
                        "ALTER TABLE " + t + " ADD COLUMN " + column.writtenName() + " " + type + ";\n"
                                + "CREATE SEQUENCE " + sequence + " OWNED BY " + t + "." + column.writtenName() + ";\n"
                                + "ALTER TABLE " + t + " ALTER COLUMN " + column.writtenName() + " SET DEFAULT nextval('"
                                + sequence + "');\n"
                                + "-- then number the old rows in a migrate file declared -- tidemark:backfill");
            }
        });
    }

}
