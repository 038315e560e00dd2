namespace NetDsl.Language.Diagnostics
{
    /// <summary>Every diagnostic the language core reports. ND0001–ND0099 syntax and structure, ND0100–ND0199 shapes, ND0201 emission, ND0301–ND0399 the C# attribute front end.</summary>
    public static class DiagnosticDescriptors
    {
        /// <summary>ND0001: the YAML itself does not parse.</summary>
        public static readonly DiagnosticDescriptor YamlSyntax = new("ND0001", "YAML syntax error", "YAML syntax error: {0}");

        /// <summary>ND0002: the checker failed unexpectedly (a bug in NetDsl).</summary>
        public static readonly DiagnosticDescriptor InternalError = new("ND0002", "Internal error", "internal error while processing this spec: {0}");

        /// <summary>ND0003: nesting deeper than the parser accepts.</summary>
        public static readonly DiagnosticDescriptor TooDeep = new("ND0003", "Nesting too deep", "the document is nested more than {0} levels deep");

        /// <summary>ND0004: anchors and aliases are not part of the language.</summary>
        public static readonly DiagnosticDescriptor AliasNotSupported = new("ND0004", "Anchors and aliases are not supported", "YAML anchors and aliases ('{0}') are not supported; use block parameters or defaults instead");

        /// <summary>ND0005: the document is empty, a scalar or a list.</summary>
        public static readonly DiagnosticDescriptor RootNotMapping = new("ND0005", "The document must be a mapping", "a .net.yaml document must be a mapping with keys such as 'network', 'input', 'blocks' and 'layers', but it is {0}");

        /// <summary>ND0006: a key the language does not know.</summary>
        public static readonly DiagnosticDescriptor UnknownKey = new("ND0006", "Unknown key", "unknown key '{0}' in {1}{2}");

        /// <summary>ND0007: a required key is missing.</summary>
        public static readonly DiagnosticDescriptor MissingKey = new("ND0007", "Missing key", "{0} requires '{1}'");

        /// <summary>ND0008: a value of the wrong type.</summary>
        public static readonly DiagnosticDescriptor WrongType = new("ND0008", "Wrong value type", "'{0}' expects {1}, but got '{2}'");

        /// <summary>ND0009: the same key twice in one mapping.</summary>
        public static readonly DiagnosticDescriptor DuplicateKey = new("ND0009", "Duplicate key", "the key '{0}' appears more than once in this mapping");

        /// <summary>ND0010: a layer kind the language does not know.</summary>
        public static readonly DiagnosticDescriptor UnknownLayerKind = new("ND0010", "Unknown layer kind", "unknown layer kind '{0}'{1}");

        /// <summary>ND0011: a layer named both inside and beside its kind.</summary>
        public static readonly DiagnosticDescriptor NameGivenTwice = new("ND0011", "Name given twice", "the {0} layer is named both inside its mapping ('{1}') and beside it ('{2}'); keep one");

        /// <summary>ND0012: an expression that does not parse.</summary>
        public static readonly DiagnosticDescriptor BadExpression = new("ND0012", "Invalid expression", "invalid expression '{0}': {1}");

        /// <summary>ND0013: a <c>$variable</c> that is not a parameter in scope.</summary>
        public static readonly DiagnosticDescriptor UndefinedVariable = new("ND0013", "Undefined variable", "undefined variable '${0}' in {1}{2}");

        /// <summary>ND0014: a float where an integer is required.</summary>
        public static readonly DiagnosticDescriptor FloatWhereIntNeeded = new("ND0014", "Float where an integer is needed", "'{0}' must be an integer, but '{1}' is a float");

        /// <summary>ND0015: a malformed parameter declaration.</summary>
        public static readonly DiagnosticDescriptor BadParameter = new("ND0015", "Invalid parameter declaration", "invalid parameter '{0}': {1}");

        /// <summary>ND0016: <c>pad: same</c> with an even effective kernel.</summary>
        public static readonly DiagnosticDescriptor SameNeedsOddKernel = new("ND0016", "'same' padding needs an odd kernel", "'pad: same' on conv '{0}' needs an odd effective kernel, but dilation·(k−1)+1 = {1}; use explicit padding");

        /// <summary>ND0017: two modules with the same name in one class.</summary>
        public static readonly DiagnosticDescriptor DuplicateName = new("ND0017", "Duplicate name", "the name '{0}' is used more than once in {1}");

        /// <summary>ND0018: a name that cannot be a C# identifier.</summary>
        public static readonly DiagnosticDescriptor InvalidIdentifier = new("ND0018", "Invalid identifier", "'{0}' is not a valid C# identifier{1}");

        /// <summary>ND0019: a network without an input shape.</summary>
        public static readonly DiagnosticDescriptor MissingInput = new("ND0019", "Missing input", "network '{0}' requires 'input: [C, H, W]'");

        /// <summary>ND0020: a layer mapping with none or several kind keys.</summary>
        public static readonly DiagnosticDescriptor AmbiguousLayer = new("ND0020", "Layer needs exactly one kind", "a layer needs exactly one kind key, but this one has {0}");

        /// <summary>ND0021: a block body without exactly one of layers, concat and residual.</summary>
        public static readonly DiagnosticDescriptor BadBlockBody = new("ND0021", "Block needs one body", "block '{0}' needs exactly one of 'layers', 'concat' or 'residual', but has {1}");

        /// <summary>ND0022: a block that is not defined anywhere in the project.</summary>
        public static readonly DiagnosticDescriptor UnknownBlock = new("ND0022", "Unknown block", "unknown block '{0}'{1}");

        /// <summary>ND0023: a block that uses itself, directly or through others.</summary>
        public static readonly DiagnosticDescriptor RecursiveBlock = new("ND0023", "Recursive block", "block '{0}' uses itself: {1}");

        /// <summary>ND0024: a block parameter without a default and without an argument.</summary>
        public static readonly DiagnosticDescriptor MissingArgument = new("ND0024", "Missing argument", "block '{0}' requires the argument '{1}'{2}");

        /// <summary>ND0025: an argument the block does not declare.</summary>
        public static readonly DiagnosticDescriptor UnknownArgument = new("ND0025", "Unknown argument", "block '{0}' has no parameter '{1}'{2}");

        /// <summary>ND0026: a repeat count below 1.</summary>
        public static readonly DiagnosticDescriptor RepeatBelowOne = new("ND0026", "Repeat count below 1", "repeat '{0}' of block '{1}' has count {2}; it must be at least 1");

        /// <summary>ND0027: a network too large to check.</summary>
        public static readonly DiagnosticDescriptor TooLarge = new("ND0027", "Network too large", "{0} exceeds the limit of {1}");

        /// <summary>ND0028: a repeat override for an index the repeat does not have.</summary>
        public static readonly DiagnosticDescriptor OverrideOutOfRange = new("ND0028", "Override index out of range", "repeat '{0}' has {1} instances (0..{2}), so there is no index {3} to override");

        /// <summary>ND0029: two blocks with the same name.</summary>
        public static readonly DiagnosticDescriptor DuplicateBlock = new("ND0029", "Duplicate block", "block '{0}' is defined more than once");

        /// <summary>ND0030: a residual or concat directly inside a sequence.</summary>
        public static readonly DiagnosticDescriptor NotAModule = new("ND0030", "Not allowed in a sequence", "a {0} cannot be a step of a sequence or a multi-layer branch; move it into a block");

        /// <summary>ND0031: a bad value for a parameter (a negative padding, a probability outside [0, 1]).</summary>
        public static readonly DiagnosticDescriptor BadValue = new("ND0031", "Invalid value", "'{0}' of {1} is {2}; {3}");

        /// <summary>ND0032: an auxiliary head anywhere but in a network's own layer list.</summary>
        public static readonly DiagnosticDescriptor AuxHeadPlacement = new("ND0032", "Auxiliary head out of place", "an auxiliary head ('aux') can only be a layer of a network's own 'layers' list, not of {0}; move it there and point 'from:' at the layer it reads");

        /// <summary>ND0034: a nominal input that the network's <c>accepts:</c> leaves out.</summary>
        public static readonly DiagnosticDescriptor InputNotAccepted = new("ND0034", "Input not accepted", "the input {0} of network '{1}' is not among the inputs it accepts ({2}); 'input' is the size its summary and constants are for, so it must be one of them");

        /// <summary>ND0035: a setting that only a shortcut uses, on a residual without one.</summary>
        public static readonly DiagnosticDescriptor PlainUnitSetting = new("ND0035", "Setting without effect in a plain unit", "'{0}' has no effect in a residual with 'shortcut: none' (a plain unit: the body alone, then its 'then' activation); remove it, or give the unit a shortcut", Model.Severity.Warning);

        /// <summary>ND0033: an auxiliary head that reads a layer the network does not have before it.</summary>
        public static readonly DiagnosticDescriptor UnknownAuxSource = new("ND0033", "Unknown auxiliary head source", "auxiliary head '{0}' reads from '{1}', which is not a layer of the network written before it{2}");

        /// <summary>ND0100: a layer whose output would have no elements.</summary>
        public static readonly DiagnosticDescriptor NonPositiveOutput = new("ND0100", "Non-positive output size", "{0}: input {1} gives output size {2} (must be positive)");

        /// <summary>ND0101: residual add with different channels.</summary>
        public static readonly DiagnosticDescriptor ResidualChannels = new("ND0101", "Residual channel mismatch", "residual add in {0}: body output {1} does not match shortcut {2} — channels {3} vs {4}; use 'shortcut: projection' or fix 'out'");

        /// <summary>ND0102: residual add with different spatial sizes.</summary>
        public static readonly DiagnosticDescriptor ResidualSpatial = new("ND0102", "Residual spatial mismatch", "residual add in {0}: body output {1} does not match shortcut {2} — spatial {3} vs {4}; use 'shortcut: projection' or keep the size in the body");

        /// <summary>ND0103: concat branches with different spatial sizes.</summary>
        public static readonly DiagnosticDescriptor ConcatSpatial = new("ND0103", "Concat spatial mismatch", "concat in {0}: branch '{1}' outputs {2} but branch '{3}' outputs {4}; {5}");

        /// <summary>ND0104: a kernel larger than the padded input.</summary>
        public static readonly DiagnosticDescriptor KernelTooLarge = new("ND0104", "Kernel larger than input", "{0}: effective kernel {1} is larger than the padded input {2} (input {3})");

        /// <summary>ND0105: groups that do not divide the channels.</summary>
        public static readonly DiagnosticDescriptor GroupsDoNotDivide = new("ND0105", "Groups do not divide channels", "{0}: groups {1} must divide both input channels {2} and output channels {3}");

        /// <summary>ND0106: a block used with a shape other than its <c>in:</c>.</summary>
        public static readonly DiagnosticDescriptor InShapeMismatch = new("ND0106", "Block input mismatch", "block '{0}' declares in: {1} but {2} gives it {3}");

        /// <summary>ND0107: a layer given a tensor of the wrong rank.</summary>
        public static readonly DiagnosticDescriptor RankMismatch = new("ND0107", "Rank mismatch", "{0} expects {1} but its input is {2}{3}");

        /// <summary>ND0108: pool padding larger than half the kernel.</summary>
        public static readonly DiagnosticDescriptor PoolPadding = new("ND0108", "Pool padding too large", "{0}: padding {1} must be at most half the kernel {2}");

        /// <summary>ND0109: a zero-padding shortcut that cannot match the body.</summary>
        public static readonly DiagnosticDescriptor ZeroPadShortcut = new("ND0109", "Zero-padding shortcut mismatch", "zero-padding shortcut in {0}: input {1} cannot become body output {2}; {3}");

        /// <summary>ND0110: a projection shortcut that cannot produce the body's shape.</summary>
        public static readonly DiagnosticDescriptor ProjectionMismatch = new("ND0110", "Projection shortcut mismatch", "projection shortcut in {0}: a 1×1 conv with stride {1} turns {2} into {3}, but the body outputs {4}");

        /// <summary>ND0111: an expression that cannot be evaluated (division by zero, overflow).</summary>
        public static readonly DiagnosticDescriptor EvaluationFailed = new("ND0111", "Expression cannot be evaluated", "'{0}' cannot be evaluated: {1}{2}");

        /// <summary>ND0112: an auxiliary head that does not end in flat logits.</summary>
        public static readonly DiagnosticDescriptor AuxOutputNotFlat = new("ND0112", "Auxiliary head output not flat", "auxiliary head '{0}' (block '{1}') reads {2} and outputs {3}, but an auxiliary classifier must output flat logits [classes]; end the block with flatten and linear");

        /// <summary>ND0113: a linear layer whose input features depend on the input size, in a network that accepts several.</summary>
        public static readonly DiagnosticDescriptor FeaturesDependOnSize = new("ND0113", "Input features depend on the input size", "linear '{0}' in network '{1}' reads {2} features at input {3} but {4} at input {5}, and a linear layer has one input size; pool to a fixed size before 'flatten' (globalavgpool, adaptiveavgpool) or accept one input size");

        /// <summary>ND0201: a checked spec with a construct the emitter cannot write as TorchSharp code yet.</summary>
        public static readonly DiagnosticDescriptor NotGeneratable = new("ND0201", "Construct cannot be generated", "{0}");

        /// <summary>ND0301: a class with a NetDsl declaration attribute that the generated class cannot complete.</summary>
        public static readonly DiagnosticDescriptor BadDeclaringClass = new("ND0301", "Class cannot be declared with attributes", "the class '{0}' cannot be a NetDsl {1}: {2}");

        /// <summary>ND0302: structure attributes out of order (a [Branch] outside a [Concat], a missing [End]).</summary>
        public static readonly DiagnosticDescriptor AttributeSequence = new("ND0302", "Attributes out of order", "{0}");

        /// <summary>ND0303: an attribute argument of a type the language has no meaning for.</summary>
        public static readonly DiagnosticDescriptor BadAttributeArgument = new("ND0303", "Invalid attribute argument", "'{0}' of [{1}] expects {2}, but got {3}");
    }
}
