package io.alertline.processor.notify.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertline.processor.notify.route.LabelMatcher.Operator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {

    static boolean matches(String matcher, Map<String, String> labels) {
        return LabelMatcher.parse(matcher).matches(labels);
    }

    @Test
    void equalMatchesOnlyTheExactValue() {
        assertThat(matches("team=\"db\"", Map.of("team", "db"))).isTrue();
        assertThat(matches("team=\"db\"", Map.of("team", "dba"))).isFalse();
        assertThat(matches("team=\"db\"", Map.of("team", "DB"))).isFalse();
        assertThat(matches("team=\"db\"", Map.of())).isFalse();
    }

    @Test
    void notEqualMatchesOtherValuesAndAMissingLabel() {
        assertThat(matches("env!=\"prod\"", Map.of("env", "staging"))).isTrue();
        assertThat(matches("env!=\"prod\"", Map.of())).isTrue();
        assertThat(matches("env!=\"prod\"", Map.of("env", "prod"))).isFalse();
    }

    @Test
    void regexMustMatchTheWholeValue() {
        assertThat(matches("severity=~\"critical|page\"", Map.of("severity", "critical"))).isTrue();
        assertThat(matches("severity=~\"critical|page\"", Map.of("severity", "page"))).isTrue();
        assertThat(matches("severity=~\"critical|page\"", Map.of("severity", "warning"))).isFalse();
        assertThat(matches("severity=~\"critical|page\"", Map.of("severity", "critical2"))).isFalse();
        assertThat(matches("severity=~\"critical|page\"", Map.of("severity", "xpage"))).isFalse();
        assertThat(matches("severity=~\"crit\"", Map.of("severity", "critical"))).isFalse();
        // Go's $ is the end of the text: a trailing line feed does not match
        assertThat(matches("severity=~\"crit\"", Map.of("severity", "crit\n"))).isFalse();
        assertThat(matches("severity=~\"critical|page\"", Map.of())).isFalse();
    }

    @Test
    void notRegexIsTheNegationOfTheAnchoredRegex() {
        assertThat(matches("service!~\"foo.*\"", Map.of("service", "foobar"))).isFalse();
        assertThat(matches("service!~\"foo.*\"", Map.of("service", "barfoo"))).isTrue();
        assertThat(matches("service!~\"foo.*\"", Map.of())).isTrue();
    }

    @Test
    void aMissingLabelIsTheEmptyString() {
        assertThat(matches("env=\"\"", Map.of())).isTrue();
        assertThat(matches("env=\"\"", Map.of("env", "prod"))).isFalse();
        assertThat(matches("env=~\".*\"", Map.of())).isTrue();
        assertThat(matches("env=~\".+\"", Map.of())).isFalse();
        assertThat(LabelMatcher.parse("env=\"\"").matches(null)).isTrue();
    }

    @Test
    void regexFollowsRe2LineAndCaseRules() {
        // RE2's '.' only excludes \n (Java's default also excludes \r), and (?i) folds Unicode case
        assertThat(matches("x=~\"a.b\"", Map.of("x", "a\rb"))).isTrue();
        assertThat(matches("x=~\"a.b\"", Map.of("x", "a\nb"))).isFalse();
        assertThat(matches("x=~\"(?i)café\"", Map.of("x", "CAFÉ"))).isTrue();
    }

    @Test
    void unquotedValuesAndSpacesAreAcceptedAsAlertmanagerDoes() {
        LabelMatcher bare = LabelMatcher.parse("team=db");
        assertThat(bare.name()).isEqualTo("team");
        assertThat(bare.operator()).isEqualTo(Operator.EQUAL);
        assertThat(bare.value()).isEqualTo("db");
        assertThat(LabelMatcher.parse("  team  !=  \"db\"  ")).isEqualTo(LabelMatcher.of("team", Operator.NOT_EQUAL, "db"));
        assertThat(LabelMatcher.parse("summary=disk full ").value()).isEqualTo("disk full");
        assertThat(LabelMatcher.parse("__name__=~up").operator()).isEqualTo(Operator.REGEX);
        assertThat(LabelMatcher.parse("team=").value()).isEmpty();
        assertThat(LabelMatcher.parse("team!~x").operator()).isEqualTo(Operator.NOT_REGEX);
        // tolerant like Alertmanager's classic parser: after "=" the rest is the value
        assertThat(LabelMatcher.parse("team==db").value()).isEqualTo("=db");
    }

    @Test
    void escapesAreUnescapedAndSpuriousBackslashesStayLiteral() {
        assertThat(LabelMatcher.parse("msg=\"say \\\"hi\\\"\"").value()).isEqualTo("say \"hi\"");
        assertThat(LabelMatcher.parse("msg=\"a\\nb\"").value()).isEqualTo("a\nb");
        assertThat(LabelMatcher.parse("path=\"C:\\\\x\"").value()).isEqualTo("C:\\x");
        assertThat(LabelMatcher.parse("code=~\"\\d+\"").value()).isEqualTo("\\d+");
        assertThat(matches("code=~\"\\d+\"", Map.of("code", "503"))).isTrue();
        assertThat(LabelMatcher.parse("x=a\\").value()).isEqualTo("a\\");
    }

    @Test
    void printsTheCanonicalQuotedForm() {
        assertThat(LabelMatcher.parse("team=db")).hasToString("team=\"db\"");
        assertThat(LabelMatcher.parse("msg=\"say \\\"hi\\\"\\n\"")).hasToString("msg=\"say \\\"hi\\\"\\n\"");
        assertThat(LabelMatcher.parse("severity =~ critical|page")).hasToString("severity=~\"critical|page\"");
    }

    @Test
    void badSyntaxIsRefusedNamingTheMatcher() {
        assertThatThrownBy(() -> LabelMatcher.parse("team")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matcher team: bad format");
        assertThatThrownBy(() -> LabelMatcher.parse("1team=\"db\"")).hasMessageContaining("matcher 1team=\"db\"");
        assertThatThrownBy(() -> LabelMatcher.parse("team=\"db")).hasMessageContaining("matcher team=\"db:")
                .hasMessageContaining("closing quote");
        assertThatThrownBy(() -> LabelMatcher.parse("team=\"d\"b\"")).hasMessageContaining("unescaped double quote");
        assertThatThrownBy(() -> LabelMatcher.parse("team=d\"b")).hasMessageContaining("unescaped double quote");
        assertThatThrownBy(() -> LabelMatcher.parse("team=\"db\\\"")).hasMessageContaining("closing quote");
    }

    @Test
    void aBadRegexIsRefusedAtParseTimeNamingTheMatcher() {
        assertThatThrownBy(() -> LabelMatcher.parse("severity=~\"(crit\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matcher severity=~\"(crit\"")
                .hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> LabelMatcher.parse("severity!~\"*\"")).hasMessageContaining("invalid regular expression");
    }

    @Test
    void aListSplitsOnCommasOutsideQuotesAsAlertmanagerDoes() {
        assertThat(LabelMatchers.parse("{team=\"db\", env!=\"prod\"}")).containsExactly(
                LabelMatcher.of("team", Operator.EQUAL, "db"), LabelMatcher.of("env", Operator.NOT_EQUAL, "prod"));
        assertThat(LabelMatchers.parse("route=~\"a,b\",x=y,")).containsExactly(
                LabelMatcher.of("route", Operator.REGEX, "a,b"), LabelMatcher.of("x", Operator.EQUAL, "y"));
        assertThat(LabelMatchers.parse("quote=\"She said: \\\"Hi, all\\\"\"")).containsExactly(
                LabelMatcher.of("quote", Operator.EQUAL, "She said: \"Hi, all\""));
        assertThat(LabelMatchers.parse("team=db")).hasSize(1);
        assertThat(LabelMatchers.parse("")).isEqualTo(List.of());
        assertThatThrownBy(() -> LabelMatchers.parse("a=b,,c=d")).hasMessageContaining("bad format");
    }
}
