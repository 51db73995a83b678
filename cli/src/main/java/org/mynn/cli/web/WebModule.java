package org.mynn.cli.web;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import jakarta.inject.Provider;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.QueryService;
import org.mynn.cli.service.Runs;
import org.mynn.cli.service.TrainingRun;
import org.mynn.core.run.Catalog;
import org.mynn.data.DatasetSource;
import org.mynn.render.ImageRenderer;

/**
 * The web server's Guice bindings, for the settings it is given: it binds and builds, and starts nothing (the caller
 * starts the {@link WebServer} it gets). Install it beside the core, data and render modules (or in a child injector of
 * theirs, as {@code mynn serve} does), whose services it uses: {@link Models}, {@link QueryService},
 * {@link ImageRenderer}, and for the lab {@link Runs}, {@link DatasetSource} and the plugins' {@link Catalog}.
 *
 * <ul>
 *   <li>{@link WebServer.Settings}: the settings given.</li>
 *   <li>{@link WebServer}: the server, not started, with the lab when the settings ask for it; singleton.</li>
 *   <li>The web's own pieces, package-private singletons: {@code ModelRegistry} (the page's models; loads the first
 *       when it is made), {@code Api}, and the lab's {@code LabPlan}, {@code Lab}, {@code LabRoutes},
 *       {@code LabViews}.</li>
 * </ul>
 */
public final class WebModule extends AbstractModule {

    private final WebServer.Settings settings;

    public WebModule(WebServer.Settings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(WebServer.Settings.class).toInstance(settings);
        bind(LabViews.class).in(Singleton.class);
        bind(Lab.class).in(Singleton.class);
        bind(LabRoutes.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ModelRegistry registry(Models models, ImageRenderer images) {
        return new ModelRegistry(settings.model(), models, images);
    }

    @Provides
    @Singleton
    Api api(ModelRegistry registry, QueryService queries) {
        WebServer.Limits l = settings.limits();
        return new Api(registry, queries, settings.digits(), new DecodeBudget(l.decodePixels(), l.decodeWait()));
    }

    @Provides
    @Singleton
    LabPlan plan(Catalog catalog, Runs runs, DatasetSource datasets, TrainingRun resumer) {
        return new LabPlan(catalog, runs, datasets, settings.labTrain(), settings.labTest(), resumer);
    }

    /** The server; the lab's pieces are made only when it has one. */
    @Provides
    @Singleton
    WebServer server(Api api, Provider<Lab> lab, Provider<LabRoutes> routes) {
        return settings.lab() ? new WebServer(settings, api, lab.get(), routes.get()) : new WebServer(settings, api, null, null);
    }
}
