<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BackendPanel</name>
    <message numerus="yes">
        <source>%n OBJECT(S) FOUND</source>
        <translation>
            <numerusform>%n OBJECT FOUND</numerusform>
            <numerusform>%n OBJECTS FOUND</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoothPanel</name>
    <message numerus="yes">
        <source>%n object(s)</source>
        <translation>
            <numerusform>%n object</numerusform>
            <numerusform>%n objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n output(s)</source>
        <translation>
            <numerusform>%n output</numerusform>
            <numerusform>%n outputs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n keypoint(s) found</source>
        <translation>
            <numerusform>%n keypoint found</numerusform>
            <numerusform>%n keypoints found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message numerus="yes">
        <source>%n problem(s) to fix</source>
        <translation>
            <numerusform>%n problem to fix</numerusform>
            <numerusform>%n problems to fix</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>, %n warning</numerusform>
            <numerusform>, %n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No problems, %n warning(s)</source>
        <translation>
            <numerusform>No problems, %n warning</numerusform>
            <numerusform>No problems, %n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultPictureWidget</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
