//! What a JSON reader's complaint means, in Chinese: serde_json explains in English, and no
//! English library text may reach the user. The line and column are reported by the caller.

/// The Chinese explanation of a serde_json error, without its position.
pub fn explain(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the caller shows the position itself.
    let message = text.split(" at line ").next().unwrap_or(&text);
    let quoted = |message: &str| {
        let start = message.find('`')? + 1;
        let end = start + message[start..].find('`')?;
        Some(message[start..end].to_owned())
    };
    let starts = |prefix: &str| message.starts_with(prefix);
    if starts("EOF while parsing") {
        "内容在此处意外结束，文件可能不完整（被截断）".to_owned()
    } else if starts("key must be a string") {
        "对象的键必须是带英文双引号的字符串".to_owned()
    } else if starts("expected `:`") {
        "此处应为英文冒号“:”".to_owned()
    } else if starts("expected `,` or `]`") {
        "此处应为英文逗号“,”或“]”".to_owned()
    } else if starts("expected `,` or `}`") {
        "此处应为英文逗号“,”或“}”".to_owned()
    } else if starts("expected value") || starts("expected ident") {
        "此处应为一个值（文字须加英文双引号）".to_owned()
    } else if starts("trailing comma") {
        "此处有多余的逗号".to_owned()
    } else if starts("trailing characters") {
        "有效内容之后还有多余的字符".to_owned()
    } else if starts("control character") {
        "文字中含有不允许的控制字符".to_owned()
    } else if starts("invalid escape") || message.contains("hex escape") || starts("invalid unicode code point") {
        "文字中有无效的转义符（反斜杠“\\”）".to_owned()
    } else if starts("invalid number") || starts("number out of range") {
        "数字无效或超出范围".to_owned()
    } else if starts("recursion limit exceeded") {
        "嵌套层次过深".to_owned()
    } else if starts("missing field") {
        format!("缺少字段“{}”", quoted(message).unwrap_or_default())
    } else if starts("unknown field") {
        format!("有不认识的字段“{}”", quoted(message).unwrap_or_default())
    } else if starts("duplicate field") {
        format!("字段“{}”出现了两次", quoted(message).unwrap_or_default())
    } else if starts("unknown variant") {
        format!("“{}”不是允许的取值", quoted(message).unwrap_or_default())
    } else if starts("invalid type") {
        "某个字段的类型不对（如应为文字却是数字）".to_owned()
    } else if starts("invalid value") {
        "某个字段的值不在允许范围内".to_owned()
    } else if starts("invalid length") {
        "某个列表的条数不对".to_owned()
    } else {
        "内容不符合格式要求".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::explain;

    fn explained(json: &str) -> String {
        let error = serde_json::from_str::<std::collections::BTreeMap<String, u32>>(json).unwrap_err();
        explain(&error)
    }

    #[test]
    fn every_kind_of_broken_file_is_explained_in_chinese() {
        assert_eq!(explained("{1: 2}"), "对象的键必须是带英文双引号的字符串");
        assert_eq!(explained("{\"a\" 2}"), "此处应为英文冒号“:”");
        assert_eq!(explained("{\"a\": 2"), "内容在此处意外结束，文件可能不完整（被截断）");
        assert_eq!(explained("{\"a\": 2,}"), "此处有多余的逗号");
        assert_eq!(explained("{\"a\": 2} x"), "有效内容之后还有多余的字符");
        assert_eq!(explained("{\"a\": \"x\"}"), "某个字段的类型不对（如应为文字却是数字）");
        assert_eq!(explained("{\"a\": -1}"), "某个字段的值不在允许范围内");
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Shape {
            region: String,
        }
        let missing = serde_json::from_str::<Shape>("{}").unwrap_err();
        assert_eq!(explain(&missing), "缺少字段“region”");
        let unknown = serde_json::from_str::<Shape>("{\"region\": \"\", \"x\": 1}").unwrap_err();
        assert_eq!(explain(&unknown), "有不认识的字段“x”");
    }

    #[test]
    fn no_explanation_holds_english_words_but_field_names() {
        for json in ["", "[", "{\"a\":", "nul", "{\"a\": 1e999}", "{\"a\": \"\\q\"}", "\u{1}"] {
            let error = serde_json::from_str::<std::collections::BTreeMap<String, u32>>(json).unwrap_err();
            let text = explain(&error);
            assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "{json:?}: {text}");
        }
    }
}
