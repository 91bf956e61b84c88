//! A message's field layout, written once for both directions.
//!
//! Two forms, both giving `encode` and `decode` from one description, so
//! that the two directions cannot drift apart:
//!
//! * **Flat messages** are declared with [`flat_message!`](crate::flat_message):
//!   the struct, its fields in wire order with their wire kind ([`kind`]),
//!   the server version each field appears from, the message's version field
//!   and the server versions it is refused below. The macro writes the
//!   struct and its [`Message`](super::Message) impl.
//! * **Long messages** (orders, contract details, requests that carry a
//!   contract) write their layout as one function over an [`Io`]: a
//!   [`Reader`] stores each field into the value it is given, a [`Writer`]
//!   emits it. `encode` runs the layout over a copy of the message with a
//!   writer, `decode` over a default message with a reader.
//!
//! A field swapped in a layout changes both directions alike, which a round
//! trip cannot see: the golden vectors (bytes from the official encoder) and
//! the differential decoder (the official decoder) catch it.

use crate::model::order_condition::OrderCondition;
use crate::model::Decimal;
use crate::wire::{DecodeError, FieldReader, FieldWriter};

/// One direction of a field layout.
pub trait Io {
    /// `true` for a [`Reader`].
    fn reading(&self) -> bool;
    /// The server version of the connection.
    fn sv(&self) -> i32;
    /// An integer.
    fn int(&mut self, v: &mut i32, f: &'static str) -> Result<(), DecodeError>;
    /// A 64-bit integer.
    fn long(&mut self, v: &mut i64, f: &'static str) -> Result<(), DecodeError>;
    /// An integer whose empty field means unset (the official `SHOW_UNSET`).
    fn int_max(&mut self, v: &mut i32, f: &'static str) -> Result<(), DecodeError>;
    /// A boolean (0/1).
    fn boolean(&mut self, v: &mut bool, f: &'static str) -> Result<(), DecodeError>;
    /// A float.
    fn float(&mut self, v: &mut f64, f: &'static str) -> Result<(), DecodeError>;
    /// A float whose empty field means unset (the official `SHOW_UNSET`).
    fn float_max(&mut self, v: &mut f64, f: &'static str) -> Result<(), DecodeError>;
    /// A decimal.
    fn decimal(&mut self, v: &mut Decimal, f: &'static str) -> Result<(), DecodeError>;
    /// Text as it is (the gateway's side: any UTF-8).
    fn text(&mut self, v: &mut String, f: &'static str) -> Result<(), DecodeError>;
    /// Text the client sends: refused outside printable ASCII, as the
    /// official client refuses it (error 579).
    fn ascii(&mut self, v: &mut String, f: &'static str) -> Result<(), DecodeError>;
    /// A field the official decoder reads and drops; written empty.
    fn skip(&mut self, f: &'static str) -> Result<(), DecodeError>;
    /// A list length: written from `len`, or read.
    fn count(&mut self, len: usize, f: &'static str) -> Result<usize, DecodeError>;
    /// An order condition.
    fn condition(&mut self, c: &mut OrderCondition) -> Result<(), DecodeError>;
    /// Reading: the fields left in the message (a layout whose senders
    /// disagree on a trailing field tells them apart by it). Writing: 0.
    fn remaining_fields(&self) -> usize {
        0
    }
}

/// The reading direction of a layout.
pub struct Reader<'r, 'a> {
    r: &'r mut FieldReader<'a>,
    sv: i32,
}

impl<'r, 'a> Reader<'r, 'a> {
    /// Reads the fields of `r` at server version `sv`.
    pub fn new(sv: i32, r: &'r mut FieldReader<'a>) -> Self {
        Reader { r, sv }
    }
}

impl Io for Reader<'_, '_> {
    fn reading(&self) -> bool {
        true
    }
    fn sv(&self) -> i32 {
        self.sv
    }
    fn int(&mut self, v: &mut i32, f: &'static str) -> Result<(), DecodeError> {
        *v = self.r.read_int_named(f)?;
        Ok(())
    }
    fn long(&mut self, v: &mut i64, f: &'static str) -> Result<(), DecodeError> {
        *v = self.r.read_int_named(f)?;
        Ok(())
    }
    fn int_max(&mut self, v: &mut i32, f: &'static str) -> Result<(), DecodeError> {
        *v = self.r.read_i32_max(f)?;
        Ok(())
    }
    fn boolean(&mut self, v: &mut bool, f: &'static str) -> Result<(), DecodeError> {
        *v = self.r.read_bool(f)?;
        Ok(())
    }
    fn float(&mut self, v: &mut f64, f: &'static str) -> Result<(), DecodeError> {
        *v = self.r.read_f64(f)?;
        Ok(())
    }
    fn float_max(&mut self, v: &mut f64, f: &'static str) -> Result<(), DecodeError> {
        *v = self.r.read_f64_max(f)?;
        Ok(())
    }
    fn decimal(&mut self, v: &mut Decimal, f: &'static str) -> Result<(), DecodeError> {
        *v = self.r.read_decimal(f)?;
        Ok(())
    }
    fn text(&mut self, v: &mut String, f: &'static str) -> Result<(), DecodeError> {
        *v = self.r.read_string(f)?;
        Ok(())
    }
    fn ascii(&mut self, v: &mut String, f: &'static str) -> Result<(), DecodeError> {
        self.text(v, f)
    }
    fn skip(&mut self, f: &'static str) -> Result<(), DecodeError> {
        self.r.skip(f)
    }
    fn count(&mut self, _len: usize, f: &'static str) -> Result<usize, DecodeError> {
        let n: i64 = self.r.read_int_named(f)?;
        // A negative count is an empty list, as in the official decoder; a
        // count beyond the fields left cannot be honest.
        let n = n.max(0) as usize;
        if n > self.r.remaining_fields() {
            return Err(DecodeError::Truncated { field: f });
        }
        Ok(n)
    }
    fn condition(&mut self, c: &mut OrderCondition) -> Result<(), DecodeError> {
        *c = super::orders::conditions::read_condition(self.r)?;
        Ok(())
    }
    fn remaining_fields(&self) -> usize {
        self.r.remaining_fields()
    }
}

/// The writing direction of a layout.
pub struct Writer<'w, 'a> {
    w: &'w mut FieldWriter<'a>,
    sv: i32,
}

impl<'w, 'a> Writer<'w, 'a> {
    /// Writes fields to `w` for server version `sv`.
    pub fn new(sv: i32, w: &'w mut FieldWriter<'a>) -> Self {
        Writer { w, sv }
    }
}

impl Io for Writer<'_, '_> {
    fn reading(&self) -> bool {
        false
    }
    fn sv(&self) -> i32 {
        self.sv
    }
    fn int(&mut self, v: &mut i32, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_int(*v);
        Ok(())
    }
    fn long(&mut self, v: &mut i64, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_int(*v);
        Ok(())
    }
    fn int_max(&mut self, v: &mut i32, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_i32_max(*v);
        Ok(())
    }
    fn boolean(&mut self, v: &mut bool, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_bool(*v);
        Ok(())
    }
    fn float(&mut self, v: &mut f64, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_f64(*v);
        Ok(())
    }
    fn float_max(&mut self, v: &mut f64, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_f64_max(*v);
        Ok(())
    }
    fn decimal(&mut self, v: &mut Decimal, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_decimal(*v);
        Ok(())
    }
    fn text(&mut self, v: &mut String, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_str_raw(v);
        Ok(())
    }
    fn ascii(&mut self, v: &mut String, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_str(v);
        Ok(())
    }
    fn skip(&mut self, _f: &'static str) -> Result<(), DecodeError> {
        self.w.put_str_raw("");
        Ok(())
    }
    fn count(&mut self, len: usize, _f: &'static str) -> Result<usize, DecodeError> {
        self.w.put_int(len as i64);
        Ok(len)
    }
    fn condition(&mut self, c: &mut OrderCondition) -> Result<(), DecodeError> {
        super::orders::conditions::write_condition(self.w, c, true);
        Ok(())
    }
}

/// A long message whose layout is one function over an [`Io`];
/// [`layout_message!`](crate::layout_message) derives its
/// [`Message`](crate::messages::Message) impl from it.
pub trait Layout: Clone + Default {
    /// What the server version cannot take, refused before anything is
    /// written (the encoding side only).
    fn check(&self, _sv: i32) -> Result<(), crate::wire::EncodeError> {
        Ok(())
    }

    /// The fields in wire order, read into `self` or written from it.
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError>;
}

/// Implements [`Message`](crate::messages::Message) for a [`Layout`] type:
/// `encode` checks, then runs the layout over a copy of the message with a
/// [`Writer`]; `decode` runs it over a default message with a [`Reader`].
///
/// ```ignore
/// layout_message!(ReqMktData = outgoing::REQ_MKT_DATA);
/// // with the protobuf form's items added to the impl:
/// layout_message!(PlaceOrder = outgoing::PLACE_ORDER, impl { const PROTOBUF_SINCE: … ; fn encode_protobuf(…) { … } });
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! layout_message {
    ($t:ty = $id:path $(, impl { $($extra:tt)* })?) => {
        impl $crate::messages::Message for $t {
            const ID: u32 = $id;

            $($($extra)*)?

            fn encode(
                &self,
                sv: i32,
                w: &mut $crate::wire::FieldWriter<'_>,
            ) -> Result<(), $crate::wire::EncodeError> {
                $crate::messages::layout::Layout::check(self, sv)?;
                let mut m = self.clone();
                // A writer never fails: errors travel in the FieldWriter.
                let _ = $crate::messages::layout::Layout::layout(
                    &mut m,
                    &mut $crate::messages::layout::Writer::new(sv, w),
                );
                Ok(())
            }

            fn decode(
                sv: i32,
                r: &mut $crate::wire::FieldReader<'_>,
            ) -> Result<Self, $crate::wire::DecodeError> {
                let mut m = <$t>::default();
                $crate::messages::layout::Layout::layout(
                    &mut m,
                    &mut $crate::messages::layout::Reader::new(sv, r),
                )?;
                Ok(m)
            }
        }
    };
}

/// A message version field in a [`Layout`]: written as `v`, skipped when
/// read (what `flat_message!`'s `version` does).
pub fn version(io: &mut dyn Io, mut v: i32) -> Result<(), DecodeError> {
    if io.reading() {
        io.skip("version")
    } else {
        io.int(&mut v, "version")
    }
}

/// Refuses with `text` (the official client's words) when `below` holds:
/// what the request asks for needs a newer server version.
pub fn refuse(below: bool, text: &'static str) -> Result<(), crate::wire::EncodeError> {
    if below {
        Err(crate::wire::EncodeError::UpdateTws(text))
    } else {
        Ok(())
    }
}

/// An integer written in full (`2147483647` when unset, as the official
/// client writes it) and read with an empty field meaning unset.
pub fn int_or_unset(io: &mut dyn Io, v: &mut i32, f: &'static str) -> Result<(), DecodeError> {
    if io.reading() {
        io.int_max(v, f)
    } else {
        io.int(v, f)
    }
}

/// Text escaped at every server version (`put_str_escaped`, read with the
/// escapes resolved): the [`Io`] carries the escaped form as it is.
pub fn escaped(io: &mut dyn Io, v: &mut String, f: &'static str) -> Result<(), DecodeError> {
    if io.reading() {
        io.text(v, f)?;
        if v.contains('\\') {
            let mut field = std::mem::take(v).into_bytes();
            field.push(0);
            *v = FieldReader::new(&field).read_str_unescaped(f)?.into_owned();
        }
        Ok(())
    } else {
        let mut field = Vec::with_capacity(v.len() + 1);
        FieldWriter::new(&mut field).put_str_escaped(v);
        field.pop();
        // The escaped form is printable ASCII.
        let mut e = String::from_utf8(field).unwrap_or_default();
        io.text(&mut e, f)
    }
}

/// Text the server escapes from version 153 on (`ENCODE_MSG_ASCII7`; the
/// `Text` kind of flat messages), as it is below.
pub fn server_text(io: &mut dyn Io, v: &mut String, f: &'static str) -> Result<(), DecodeError> {
    if io.sv() >= crate::server_versions::MIN_SERVER_VER_ENCODE_MSG_ASCII7 {
        escaped(io, v, f)
    } else {
        io.text(v, f)
    }
}

/// A list: its count, then each item (`item` reads or writes one). When
/// reading, items are added as they are read, so a count no frame could
/// fill reserves nothing. A negative count is an empty list, as in the
/// official decoder.
pub fn list<T: Default>(
    io: &mut dyn Io,
    items: &mut Vec<T>,
    count: &'static str,
    mut item: impl FnMut(&mut dyn Io, &mut T) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    let n = io.count(items.len(), count)?;
    if !io.reading() {
        return items.iter_mut().try_for_each(|x| item(io, x));
    }
    items.clear();
    // The count is bounded by the fields left in the frame, not by what an
    // item takes: reserve a little, grow as items really arrive.
    items.reserve(n.min(1024));
    for _ in 0..n {
        let mut x = T::default();
        item(io, &mut x)?;
        items.push(x);
    }
    Ok(())
}

/// The [`Message`](crate::messages::Message) impl of a message without
/// fields, a unit struct (which [`flat_message!`](crate::flat_message)
/// cannot declare): its version field (`version N`) or the server version
/// it is refused below (`refuse GATE, "text"`).
#[macro_export]
#[doc(hidden)]
macro_rules! unit_message {
    ($t:ty = $id:path, version $v:expr $(, impl { $($extra:tt)* })?) => {
        impl $crate::messages::layout::Layout for $t {
            fn layout(
                &mut self,
                io: &mut dyn $crate::messages::layout::Io,
            ) -> Result<(), $crate::wire::DecodeError> {
                $crate::messages::layout::version(io, $v)
            }
        }
        $crate::layout_message!($t = $id $(, impl { $($extra)* })?);
    };
    ($t:ty = $id:path, refuse $gate:expr, $why:expr $(, impl { $($extra:tt)* })?) => {
        impl $crate::messages::layout::Layout for $t {
            fn check(&self, sv: i32) -> Result<(), $crate::wire::EncodeError> {
                $crate::messages::layout::refuse(sv < $gate, $why)
            }

            fn layout(
                &mut self,
                _io: &mut dyn $crate::messages::layout::Io,
            ) -> Result<(), $crate::wire::DecodeError> {
                Ok(())
            }
        }
        $crate::layout_message!($t = $id $(, impl { $($extra)* })?);
    };
}

/// The wire kinds of [`flat_message!`](crate::flat_message)'s fields: how a
/// Rust value is written and read.
pub mod kind {
    use crate::messages::{read_text, write_text};
    use crate::model::Decimal;
    use crate::wire::{DecodeError, FieldReader, FieldWriter, WireInt};

    /// How values of type `T` travel in one kind of field.
    pub trait Kind<T> {
        /// Writes `v`.
        fn put(w: &mut FieldWriter<'_>, sv: i32, v: &T);
        /// Reads one.
        fn get(r: &mut FieldReader<'_>, sv: i32, f: &'static str) -> Result<T, DecodeError>;
    }

    /// An integer (any width; an empty field reads as 0).
    pub struct Int;
    impl<T: WireInt + Into<i64>> Kind<T> for Int {
        fn put(w: &mut FieldWriter<'_>, _sv: i32, v: &T) {
            w.put_int(*v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, _sv: i32, f: &'static str) -> Result<T, DecodeError> {
            r.read_int_named(f)
        }
    }

    /// An `i32` whose empty field means unset (`UNSET_INTEGER`).
    pub struct IntMax;
    impl Kind<i32> for IntMax {
        fn put(w: &mut FieldWriter<'_>, _sv: i32, v: &i32) {
            w.put_i32_max(*v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, _sv: i32, f: &'static str) -> Result<i32, DecodeError> {
            r.read_i32_max(f)
        }
    }

    /// An `i64` whose empty field means unset (`UNSET_LONG`).
    pub struct LongMax;
    impl Kind<i64> for LongMax {
        fn put(w: &mut FieldWriter<'_>, _sv: i32, v: &i64) {
            w.put_i64_max(*v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, _sv: i32, f: &'static str) -> Result<i64, DecodeError> {
            r.read_i64_max(f)
        }
    }

    /// A boolean, 0 or 1.
    pub struct Bool;
    impl Kind<bool> for Bool {
        fn put(w: &mut FieldWriter<'_>, _sv: i32, v: &bool) {
            w.put_bool(*v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, _sv: i32, f: &'static str) -> Result<bool, DecodeError> {
            r.read_bool(f)
        }
    }

    /// A float.
    pub struct Float;
    impl Kind<f64> for Float {
        fn put(w: &mut FieldWriter<'_>, _sv: i32, v: &f64) {
            w.put_f64(*v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, _sv: i32, f: &'static str) -> Result<f64, DecodeError> {
            r.read_f64(f)
        }
    }

    /// A float whose empty field means unset (`UNSET_DOUBLE`).
    pub struct FloatMax;
    impl Kind<f64> for FloatMax {
        fn put(w: &mut FieldWriter<'_>, _sv: i32, v: &f64) {
            w.put_f64_max(*v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, _sv: i32, f: &'static str) -> Result<f64, DecodeError> {
            r.read_f64_max(f)
        }
    }

    /// A decimal.
    pub struct Dec;
    impl Kind<Decimal> for Dec {
        fn put(w: &mut FieldWriter<'_>, _sv: i32, v: &Decimal) {
            w.put_decimal(*v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, _sv: i32, f: &'static str) -> Result<Decimal, DecodeError> {
            r.read_decimal(f)
        }
    }

    /// Text the client sends: refused outside printable ASCII (error 579).
    pub struct Ascii;
    impl Kind<String> for Ascii {
        fn put(w: &mut FieldWriter<'_>, _sv: i32, v: &String) {
            w.put_str(v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, _sv: i32, f: &'static str) -> Result<String, DecodeError> {
            r.read_string(f)
        }
    }

    /// Text as it is (the gateway's side: any UTF-8, no escapes).
    pub struct Raw;
    impl Kind<String> for Raw {
        fn put(w: &mut FieldWriter<'_>, _sv: i32, v: &String) {
            w.put_str_raw(v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, _sv: i32, f: &'static str) -> Result<String, DecodeError> {
            r.read_string(f)
        }
    }

    /// Text the server escapes from version 153 on (`ENCODE_MSG_ASCII7`).
    pub struct Text;
    impl Kind<String> for Text {
        fn put(w: &mut FieldWriter<'_>, sv: i32, v: &String) {
            write_text(sv, w, v);
        }
        #[inline(always)]
        fn get(r: &mut FieldReader<'_>, sv: i32, f: &'static str) -> Result<String, DecodeError> {
            read_text(sv, r, f)
        }
    }
}

/// Declares a flat message: the struct and its [`Message`](crate::messages::Message)
/// impl, `encode` and `decode` from one list of fields.
///
/// ```ignore
/// flat_message! {
///     /// `reqUserInfo` (server version 166+): …
///     #[derive(Debug, Clone, PartialEq, Eq, Default)]
///     pub struct ReqUserInfo = outgoing::REQ_USER_INFO {
///         version 1;                         // a version field: written, skipped when read
///         refuse MIN_SERVER_VER_USER_INFO, "  It does not support user info requests.";
///         /// The request id.
///         pub req_id: i32 = Int,
///         /// Only from this server version on.
///         #[since(MIN_SERVER_VER_X)]
///         pub extra: String = Ascii,
///     }
/// }
/// ```
///
/// Field kinds are the types of [`kind`]. `version` and `refuse` are
/// optional; an `impl { … }` after the struct adds items to the `Message`
/// impl (the protobuf form: `PROTOBUF_SINCE`, `encode_protobuf`,
/// `decode_protobuf`); `refuse GATE, "text"` refuses the message below server version
/// `GATE` with [`EncodeError::UpdateTws`](crate::wire::EncodeError::UpdateTws)
/// before anything is written.
#[macro_export]
#[doc(hidden)]
macro_rules! flat_message {
    (
        $(#[$meta:meta])*
        pub struct $name:ident = $id:path {
            $(version $version:expr;)?
            $(refuse $gate:expr, $why:expr;)*
            $(
                $(#[doc = $fdoc:expr])*
                $(#[since($since:expr)])?
                pub $field:ident : $ty:ty = $kind:ident
            ),* $(,)?
        }
        $(impl { $($extra:tt)* })?
    ) => {
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                pub $field: $ty,
            )*
        }

        impl $crate::messages::Message for $name {
            const ID: u32 = $id;

            #[allow(unused_variables)]
            fn encode(
                &self,
                sv: i32,
                w: &mut $crate::wire::FieldWriter<'_>,
            ) -> Result<(), $crate::wire::EncodeError> {
                $(
                    if sv < $gate {
                        return Err($crate::wire::EncodeError::UpdateTws($why));
                    }
                )*
                $( w.put_int($version); )?
                $(
                    if true $(&& sv >= $since)? {
                        <$crate::messages::layout::kind::$kind as $crate::messages::layout::kind::Kind<$ty>>::put(w, sv, &self.$field);
                    }
                )*
                Ok(())
            }

            #[inline(always)]
            #[allow(unused_variables)]
            fn decode(
                sv: i32,
                r: &mut $crate::wire::FieldReader<'_>,
            ) -> Result<Self, $crate::wire::DecodeError> {
                $( let _ = $version; r.skip("version")?; )?
                Ok($name {
                    $(
                        $field: if true $(&& sv >= $since)? {
                            <$crate::messages::layout::kind::$kind as $crate::messages::layout::kind::Kind<$ty>>::get(r, sv, stringify!($field))?
                        } else {
                            Default::default()
                        },
                    )*
                })
            }

            $($($extra)*)?
        }
    };
}
