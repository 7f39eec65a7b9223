import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads lines of "PATTERN<TAB>VALUE" (each part with \t, \n, \\ and \\uXXXX escaped as in JSON)
 * and prints one line each: "error" when java.util.regex rejects PATTERN, else whether VALUE
 * matches it as String.matches does ("true" or "false"). Used to record the expected results
 * of ecsnodes' Java-regex emulation; not part of the build.
 */
public class JavaRegexOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            int tab = line.indexOf('\t');
            String pattern = unescape(line.substring(0, tab));
            String value = unescape(line.substring(tab + 1));
            try {
                Pattern compiled = Pattern.compile(pattern);
                out.append(compiled.matcher(value).matches()).append('\n');
            } catch (PatternSyntaxException e) {
                out.append("error\n");
            } catch (StackOverflowError e) {
                out.append("overflow\n");
            }
        }
        System.out.print(out);
    }

    static String unescape(String text) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') { result.append(c); continue; }
            char next = text.charAt(++i);
            switch (next) {
                case 't': result.append('\t'); break;
                case 'n': result.append('\n'); break;
                case 'r': result.append('\r'); break;
                case 'u': result.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16)); i += 4; break;
                default: result.append(next);
            }
        }
        return result.toString();
    }
}
