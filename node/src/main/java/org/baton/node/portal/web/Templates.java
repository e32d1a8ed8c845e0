package org.baton.node.portal.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.HashMap;
import java.util.Map;

/**
 * The portal's templates, compiled to Java at build time (jte, HTML content type: every {@code ${…}} is escaped
 * for its HTML context). Each page template takes the {@link Frame} as {@code f} and its model as {@code m}.
 */
final class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    String render(String template, Frame frame, Object model) {
        Map<String, Object> params = new HashMap<>();
        params.put("f", frame);
        if (model != null) {
            params.put("m", model);
        }
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
