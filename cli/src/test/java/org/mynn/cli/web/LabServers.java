package org.mynn.cli.web;

import java.nio.file.Path;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.QueryService;
import org.mynn.cli.service.Runs;
import org.mynn.core.run.Catalog;
import org.mynn.core.Registry;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.loss.Loss;
import org.mynn.core.optimize.Optimizer;
import org.mynn.data.Augment;
import org.mynn.data.Dataset;
import org.mynn.data.PictureReader;
import org.mynn.data.RealData;
import org.mynn.render.CaptionedGridRenderer;
import org.mynn.render.PixelImageRenderer;

/** A server with the training lab, as the lab's tests start it: the real datasets and the built-in plugins. */
public final class LabServers {

    private LabServers() {
    }

    /**
     * @param digits      test digits for the drawing page; may be null
     * @param serverTrain the data the server is started with ({@code mynn serve --train}); may be null
     * @param serverTest  its test data; may be null
     */
    public static WebServer start(Path model, Dataset digits, Dataset serverTrain, Dataset serverTest) {
        ModelJson json = new ModelJson(ActivationRegistry.load());
        ClassLoader loader = LabServers.class.getClassLoader();
        return new WebServer("127.0.0.1", 0, model, new Models(json),
                new QueryService(new PictureReader(), new CaptionedGridRenderer(new PixelImageRenderer())),
                new PixelImageRenderer(), digits, WebServer.Limits.DEFAULT,
                new WebServer.LabTools(RealData.datasets(), new Runs(Catalog.builtIn(), Augment.builtIn(), org.mynn.core.kernel.Kernels.best()), serverTrain,
                        serverTest));
    }
}
