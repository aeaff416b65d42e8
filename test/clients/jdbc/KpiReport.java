// The KPI report of test/clients/queries.sql through JDBC (Debian's
// libpostgresql-jdbc-java, the PostgreSQL JDBC driver that BI tools such as
// DBeaver, Metabase, Tableau or Power BI's JDBC path bundle), as a Java
// report job would run it: PreparedStatement with ? parameters.
//
// Modes:
//   text    binaryTransfer=false: every result in text format, read with
//           getString() (what a BI tool shows in a grid).
//   binary  prepareThreshold=-1 (prepare on the server from the first run)
//           and binaryTransferEnable=<oid of deal_summary>,<oid of
//           forecast_error>: the driver asks for binary results for those
//           types and its own binary ones (float8, numeric, int, date).
//           Values read with the typed getters: getDouble, getBigDecimal,
//           getLong, getObject(LocalDate), and getBytes for the summary
//           types (the raw binary value, printed as hex; compare.py checks
//           it against the type's send function in psql).
//           The format each value arrived in is PGResultSetMetaData.getFormat.
// Output, one value per line:
//   query <TAB> mode <TAB> row <TAB> column <TAB> name <TAB> format <TAB> kind <TAB> value
// Usage: java -cp postgresql.jar:. KpiReport QUERIES_FILE
// Connection: PGHOST (a TCP host), PGPORT, PGUSER, PGDATABASE.
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGResultSetMetaData;

public class KpiReport {
    static final class Query {
        String name;
        List<String[]> params = new ArrayList<>();   // {type, value}
        StringBuilder sql = new StringBuilder();
    }

    static List<Query> readQueries(String file) throws Exception {
        List<Query> queries = new ArrayList<>();
        Query cur = null;
        for (String line : Files.readAllLines(Paths.get(file), StandardCharsets.UTF_8)) {
            if (line.startsWith("-- query: ")) {
                cur = new Query();
                cur.name = line.substring("-- query: ".length()).trim();
                queries.add(cur);
            } else if (line.startsWith("-- params: ")) {
                for (String item : line.substring("-- params: ".length()).split(" \\| ")) {
                    String t = item.trim();
                    int sp = t.indexOf(' ');
                    cur.params.add(new String[] {t.substring(0, sp), t.substring(sp + 1)});
                }
            } else if (line.startsWith("--") || cur == null) {
                continue;
            } else {
                cur.sql.append(line).append('\n');
            }
        }
        return queries;
    }

    /** $n placeholders to JDBC's ?, with the parameter index of each ? in order. */
    static String toJdbc(String sql, List<Integer> order) {
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(sql);
        StringBuffer sb = new StringBuffer();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
            m.appendReplacement(sb, "?");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static void bind(PreparedStatement ps, List<Integer> order, List<String[]> params) throws SQLException {
        for (int i = 0; i < order.size(); i++) {
            String[] p = params.get(order.get(i) - 1);
            switch (p[0]) {
                case "float8": ps.setDouble(i + 1, Double.parseDouble(p[1])); break;
                case "int4": ps.setInt(i + 1, Integer.parseInt(p[1])); break;
                case "date": ps.setObject(i + 1, LocalDate.parse(p[1])); break;
                default: ps.setString(i + 1, p[1]);
            }
        }
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x & 0xff));
        return sb.toString();
    }

    static void run(Connection conn, List<Query> queries, String mode, StringBuilder out) throws SQLException {
        for (Query q : queries) {
            List<Integer> order = new ArrayList<>();
            String sql = toJdbc(q.sql.toString().trim().replaceAll(";$", ""), order);
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                bind(ps, order, q.params);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    PGResultSetMetaData pgmd = md.unwrap(PGResultSetMetaData.class);
                    int row = 0;
                    while (rs.next()) {
                        row++;
                        for (int c = 1; c <= md.getColumnCount(); c++) {
                            boolean binary = pgmd.getFormat(c) == 1;
                            String type = md.getColumnTypeName(c);
                            String kind;
                            String value;
                            if (!binary || mode.equals("text")) {
                                kind = "text";
                                value = rs.getString(c);
                            } else {
                                kind = "value";
                                switch (type) {
                                    case "float8": {
                                        double d = rs.getDouble(c);
                                        value = rs.wasNull() ? null : Double.toString(d);
                                        break;
                                    }
                                    case "numeric": {
                                        BigDecimal b = rs.getBigDecimal(c);
                                        value = b == null ? null : b.toPlainString();
                                        break;
                                    }
                                    case "int8": case "int4": case "int2": {
                                        long l = rs.getLong(c);
                                        value = rs.wasNull() ? null : Long.toString(l);
                                        break;
                                    }
                                    case "date": {
                                        LocalDate d = rs.getObject(c, LocalDate.class);
                                        value = d == null ? null : d.toString();
                                        break;
                                    }
                                    default: {
                                        byte[] b = rs.getBytes(c);
                                        kind = "hex";
                                        value = b == null ? null : hex(b);
                                    }
                                }
                            }
                            out.append(String.join("\t", q.name, mode, Integer.toString(row), Integer.toString(c),
                                    md.getColumnLabel(c), binary ? "binary" : "text", kind,
                                    value == null ? "\\N" : escape(value))).append('\n');
                        }
                    }
                }
            }
        }
    }

    static Connection connect(Properties extra) throws SQLException {
        String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("PGPORT", "5432");
        String db = System.getenv().getOrDefault("PGDATABASE", "postgres");
        Properties props = new Properties();
        props.setProperty("user", System.getenv().getOrDefault("PGUSER", "postgres"));
        props.putAll(extra);
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, props);
    }

    public static void main(String[] args) throws Exception {
        List<Query> queries = readQueries(args[0]);
        StringBuilder out = new StringBuilder();

        Properties text = new Properties();
        text.setProperty("binaryTransfer", "false");
        String oids;
        try (Connection conn = connect(text)) {
            run(conn, queries, "text", out);
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT string_agg(oid::text, ',') FROM pg_type "
                         + "WHERE typname IN ('deal_summary', 'forecast_error')")) {
                rs.next();
                oids = rs.getString(1);
            }
        }

        Properties binary = new Properties();
        binary.setProperty("prepareThreshold", "-1");
        binary.setProperty("binaryTransferEnable", oids);
        try (Connection conn = connect(binary)) {
            run(conn, queries, "binary", out);
        }
        System.out.print(out);
    }
}
