package dev.berth.desktop.run;

import javafx.scene.Node;

/** One page of the wizard. */
interface StepPage {

    /** Where the keyboard focus goes when the page is shown. */
    Node firstInput();
}
